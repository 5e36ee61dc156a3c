import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Runs one login dialogue within its time limit and turns whatever ends it into a
/// ``LoginOutcome``: the server's refusal, a TLS or certificate failure, no connection, silence.
enum LoginCheck {
    /// What a dialogue needs besides the connection: the TLS context for STARTTLS.
    struct Context {
        let login: MailServerLogin
        let security: TransportSecurity
        let tls: NIOSSLContext
    }

    /// Connects (with TLS from the first byte when the mode says so), runs `dialogue`, closes.
    /// `mismatchHint` says what to do when a TLS-from-the-first-byte port answered in plain text.
    static func run(
        _ login: MailServerLogin, implicitPort: Int, protocolName: String, mismatchHint: String,
        dialogue: @escaping @Sendable (LineConnection, Context) async throws -> LoginOutcome
    ) async -> LoginOutcome {
        let security = login.security.resolved(port: login.port, implicitPort: implicitPort)
        let tls: NIOSSLContext
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if !login.extraTrustRoots.isEmpty {
                configuration.additionalTrustRoots = [.certificates(login.extraTrustRoots)]
            }
            tls = try NIOSSLContext(configuration: configuration)
        } catch {
            return LoginOutcome(.certificate, "cannot set up TLS (\(error))")
        }
        let context = Context(login: login, security: security, tls: tls)
        let timeout = login.timeout
        let outcome = await withTaskGroup(of: LoginOutcome?.self) { group in
            group.addTask {
                do {
                    let connection = try await LineConnection.open(
                        host: login.host, port: login.port, implicitTLS: security == .implicit ? tls : nil,
                        connectTimeout: timeout)
                    do {
                        let outcome = try await dialogue(connection, context)
                        await connection.close()
                        return outcome
                    } catch {
                        await connection.close()
                        throw error
                    }
                } catch is CancellationError {
                    return nil
                } catch {
                    return classify(error, login, security: security, mismatchHint: mismatchHint)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                if Task.isCancelled { return nil }
                let hint =
                    security == .starttls
                    ? "a server that expects TLS from the first byte stays silent on a plain connection: "
                        + "if \(login.port) is such a port, say so (--\(protocolName.lowercased())-tls implicit)"
                    : nil
                return LoginOutcome(
                    .timeout, "no answer from \(login.host):\(login.port) within \(describe(timeout))", hint: hint)
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if let outcome {
            return LoginOutcome(outcome.status, login.redacted(outcome.detail), hint: outcome.hint)
        }
        return LoginOutcome(.timeout, "stopped before \(login.host):\(login.port) answered")
    }

    /// An error that ended a dialogue, as an outcome.
    static func classify(
        _ error: any Error, _ login: MailServerLogin, security: TransportSecurity, mismatchHint: String
    ) -> LoginOutcome {
        let place = "\(login.host):\(login.port)"
        switch error {
        case let failure as DialogueFailure:
            return failure.outcome
        case let answer as PlaintextAnswer:
            return LoginOutcome(
                .tlsMismatch, "\(place) answered in plain text where TLS was expected: \(answer.text)",
                hint: mismatchHint)
        case let error as NIOSSLError:
            guard case .handshakeFailed(let inner) = error else {
                return LoginOutcome(.protocol, "the TLS connection to \(place) failed (\(error))")
            }
            let text = "\(inner)"
            if text.contains("CERTIFICATE_VERIFY_FAILED") {
                return LoginOutcome(
                    .certificate, "the certificate of \(place) is not trusted (certificate verify failed)",
                    hint:
                        "pass --ca-file with the CA that signed it (for a self-signed certificate: the certificate itself)"
                )
            }
            if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") {
                return LoginOutcome(
                    .tlsMismatch, "\(place) does not speak TLS (the handshake failed)", hint: mismatchHint)
            }
            return LoginOutcome(.protocol, "the TLS handshake with \(place) failed (\(text))")
        case let error as NIOSSLExtraError
        where error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch:
            return LoginOutcome(
                .certificate, "the certificate of \(place) is not issued for \(login.host)",
                hint: "use the host name the certificate names (the provider's documented server name)")
        case let error as NIOConnectionError:
            let reason = error.connectionErrors.lazy.compactMap { ($0.error as? IOError).map(reasonText) }.first
            if error.dnsAAAAError != nil || error.dnsAError != nil, error.connectionErrors.isEmpty {
                return LoginOutcome(.unreachable, "cannot resolve \(login.host)", hint: "check the server name")
            }
            return LoginOutcome(
                .unreachable, "cannot connect to \(place)" + (reason.map { " (\($0))" } ?? ""),
                hint: "check the server name and port")
        case let error as IOError:
            return LoginOutcome(.unreachable, "cannot connect to \(place) (\(reasonText(error)))")
        case ChannelError.connectTimeout:
            return LoginOutcome(.timeout, "connecting to \(place) timed out")
        default:
            return LoginOutcome(.protocol, "the connection to \(place) failed (\(error))")
        }
    }

    static func reasonText(_ error: IOError) -> String {
        guard let text = strerror(error.errnoCode) else { return "error \(error.errnoCode)" }
        return String(cString: text).lowercased()
    }

    /// `15s`, `1.5s`.
    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(Double(milliseconds) / 1000)s"
    }
}
