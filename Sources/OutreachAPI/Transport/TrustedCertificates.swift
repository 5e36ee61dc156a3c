import Foundation
import NIOSSL

/// Extra certificate authorities the client trusts, read from a PEM file (`--ca-file`).
///
/// They are trusted in addition to the system's roots: a profile for a real API keeps working,
/// and a sandbox with a certificate signed by this CA is accepted.
public struct TrustedCertificates: Sendable, Hashable {
    /// The file the certificates came from.
    public let path: String
    /// The certificates, for connections made outside the HTTP client (`mailbox verify`).
    public let certificates: [NIOSSLCertificate]

    /// Reads every certificate in a PEM file; throws ``TrustedCertificatesError`` naming the file.
    public init(pemFile path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TrustedCertificatesError(description: "CA file \(path): no such file")
        }
        guard !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) else {
            throw TrustedCertificatesError(description: "CA file \(path): cannot read it")
        }
        guard let certificates = try? NIOSSLCertificate.fromPEMFile(path), !certificates.isEmpty else {
            throw TrustedCertificatesError(
                description: "CA file \(path): no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)")
        }
        self.path = path
        self.certificates = certificates
    }
}

/// A CA file that cannot be used; the description names the file and why.
public struct TrustedCertificatesError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
