import NIOSSL

/// The TLS setup of a run's logins: the system's roots and the extra ones (`--ca-file`), with
/// full verification. Made once and shared: building it reads the system's roots.
public struct MailTLS: Sendable {
    let context: NIOSSLContext

    public init(trusting extraTrustRoots: [NIOSSLCertificate] = []) throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        if !extraTrustRoots.isEmpty {
            configuration.additionalTrustRoots = [.certificates(extraTrustRoots)]
        }
        context = try NIOSSLContext(configuration: configuration)
    }
}
