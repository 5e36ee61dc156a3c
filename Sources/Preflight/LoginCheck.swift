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

    /// How one of the two tasks of a check ended.
    private enum Ending: Sendable {
        /// The dialogue came to an outcome.
        case finished(LoginOutcome)
        /// The dialogue was cancelled (by the time limit or Ctrl-C), where it was.
        case stopped(connected: Bool, lastStep: String?, receivedAny: Bool)
        /// The time limit passed.
        case timeUp
        /// The timer was cancelled: the dialogue ended first.
        case timerStopped
    }

    /// Connects (with TLS from the first byte when the mode says so), runs `dialogue`, closes.
    ///
    /// The time limit (and Ctrl-C) cancels the dialogue, which closes its connection: a write
    /// or read waiting on a silent server ends then, whatever it waited for.
    static func run(
        _ login: MailServerLogin, _ mailProtocol: MailProtocol,
        dialogue: @escaping @Sendable (LineConnection, Context) async throws -> LoginOutcome
    ) async -> LoginOutcome {
        let security = login.security.resolved(port: login.port, for: mailProtocol)
        let tls: NIOSSLContext
        do {
            tls = try (login.tls ?? MailTLS(trusting: login.extraTrustRoots)).context
        } catch {
            return LoginOutcome(.certificate, "cannot set up TLS (\(error))")
        }
        let context = Context(login: login, security: security, tls: tls)
        let outcome = await withTaskGroup(of: Ending.self) { group in
            group.addTask { await attempt(context, mailProtocol, dialogue: dialogue) }
            group.addTask {
                do {
                    try await Task.sleep(for: login.timeout)
                    return .timeUp
                } catch {
                    return .timerStopped
                }
            }
            var timedOut = false
            var outcome: LoginOutcome?
            while let ending = await group.next() {
                switch ending {
                case .finished(let finished):
                    outcome = outcome ?? finished
                    group.cancelAll()
                case .timeUp:
                    timedOut = true
                    group.cancelAll()
                case .stopped(let connected, let lastStep, let receivedAny) where timedOut:
                    outcome =
                        outcome
                        ?? timeoutOutcome(
                            context, mailProtocol, connected: connected, lastStep: lastStep, receivedAny: receivedAny)
                case .stopped, .timerStopped:
                    break
                }
            }
            return outcome
        }
        return outcome ?? LoginOutcome(.timeout, "stopped before \(login.host):\(login.port) answered")
    }

    /// The dialogue's task: connect, talk, close; cancelled, it closes the connection at once.
    private static func attempt(
        _ context: Context, _ mailProtocol: MailProtocol,
        dialogue: @Sendable (LineConnection, Context) async throws -> LoginOutcome
    ) async -> Ending {
        let login = context.login
        let connection: LineConnection
        do {
            connection = try await LineConnection.open(
                host: login.host, port: login.port, implicitTLS: context.security == .implicit ? context.tls : nil,
                connectTimeout: login.timeout)
        } catch {
            if Task.isCancelled { return .stopped(connected: false, lastStep: nil, receivedAny: false) }
            return .finished(classify(error, login, mailProtocol))
        }
        let channel = connection.channel
        do {
            let outcome = try await withTaskCancellationHandler {
                try Task.checkCancellation()
                return try await dialogue(connection, context)
            } onCancel: {
                channel.close(promise: nil)
            }
            connection.close()
            return .finished(outcome)
        } catch {
            connection.close()
            if Task.isCancelled {
                return .stopped(connected: true, lastStep: connection.lastStep, receivedAny: connection.receivedAny)
            }
            return .finished(classify(error, login, mailProtocol))
        }
    }

    /// `no answer from smtp.example.com:587 to EHLO localhost within 15s`: what was waited on.
    private static func timeoutOutcome(
        _ context: Context, _ mailProtocol: MailProtocol, connected: Bool, lastStep: String?, receivedAny: Bool
    ) -> LoginOutcome {
        let login = context.login
        let place = "\(login.host):\(login.port)"
        let within = "within \(describe(login.timeout))"
        guard connected else { return LoginOutcome(.timeout, "no connection to \(place) \(within)") }
        let hint = context.security == .starttls && !receivedAny ? mailProtocol.silentHint(port: login.port) : nil
        let waitedOn = lastStep.map { " to \($0)" } ?? ""
        return LoginOutcome(.timeout, "no answer from \(place)\(waitedOn) \(within)", hint: hint)
    }

    /// An error that ended a dialogue, as an outcome.
    static func classify(_ error: any Error, _ login: MailServerLogin, _ mailProtocol: MailProtocol) -> LoginOutcome {
        let place = "\(login.host):\(login.port)"
        let mismatchHint = mailProtocol.mismatchHint(port: login.port)
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
