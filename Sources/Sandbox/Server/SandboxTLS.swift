import Foundation
import NIOSSL

/// The sandbox's TLS identity: a PEM certificate (chain) and its PEM private key.
///
/// ``check()`` loads both and proves they belong together, so a wrong file is reported before
/// the server starts, naming the file and what is wrong with it.
public struct SandboxTLS: Sendable, Hashable {
    /// The certificate, or the chain with the server's certificate first (PEM).
    public var certificatePath: String
    /// The private key of that certificate (PEM, unencrypted).
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// Loads the certificate and key and checks that they match; throws ``SandboxTLSError``.
    public func check() throws {
        _ = try serverConfiguration()
    }

    /// The server-side TLS configuration (HTTP/1.1 only), checked.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain = try Self.certificates(at: certificatePath)
        let key = try Self.privateKey(at: keyPath)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.applicationProtocols = ["http/1.1"]
        do {
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw SandboxTLSError(
                description: "the key in \(keyPath) does not belong to the certificate in \(certificatePath)")
        }
        return configuration
    }

    static func readable(_ path: String, what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SandboxTLSError(description: "\(what) \(path): no such file")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            throw SandboxTLSError(description: "\(what) \(path): cannot read it")
        }
    }

    static func certificates(at path: String) throws -> [NIOSSLCertificate] {
        try readable(path, what: "TLS certificate")
        let chain = try? NIOSSLCertificate.fromPEMFile(path)
        guard let chain, !chain.isEmpty else {
            throw SandboxTLSError(
                description: "TLS certificate \(path): not a PEM certificate (expected -----BEGIN CERTIFICATE-----)")
        }
        return chain
    }

    static func privateKey(at path: String) throws -> NIOSSLPrivateKey {
        try readable(path, what: "TLS key")
        guard let key = try? NIOSSLPrivateKey(file: path, format: .pem) else {
            throw SandboxTLSError(
                description:
                    "TLS key \(path): not an unencrypted PEM private key (expected -----BEGIN PRIVATE KEY-----)")
        }
        return key
    }
}

/// A TLS certificate or key the sandbox cannot use; the description names the file and why.
public struct SandboxTLSError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
