import Foundation
import OutreachAPI
import WPSLanguage

/// The Saleshandy side of `mailbox add|import` and `batch summary|watch`
/// (`--provider saleshandy`, or a Saleshandy profile).
enum SaleshandyCommands {
    /// Which provider a mailbox or batch command talks to.
    static func provider(_ args: CommandArguments, _ session: Session, _ interpreter: inout Interpreter) async throws -> Provider {
        guard let text = try await args.string("provider", &interpreter) else { return session.provider }
        guard let provider = Provider(rawValue: text) else {
            throw RuntimeError("--provider must be woodpecker or saleshandy, got '\(text)'", at: args.range(of: "provider"))
        }
        return provider
    }

    static func add(_ args: CommandArguments, _ session: Session, _ interpreter: inout Interpreter) async throws -> Value {
        let email = try await args.string("email", &interpreter)
        let password = try await args.string("password", &interpreter)
        let account = SaleshandyEmailAccount(
            emailServiceProvider: try await args.string("esp", &interpreter) ?? "smtp",
            fromFirstName: try await args.string("first-name", &interpreter), fromLastName: try await args.string("last-name", &interpreter),
            smtpEmailAddress: email, smtpUserName: try await args.string("login", &interpreter), smtpPassword: password,
            smtpHost: try await args.string("smtp-server", &interpreter), smtpPort: try await args.int("smtp-port", &interpreter),
            smtpEncryption: try await args.string("smtp-encryption", &interpreter),
            imapEmailAddress: try await args.string("imap-email", &interpreter) ?? email,
            imapPassword: try await args.string("imap-password", &interpreter) ?? password,
            imapHost: try await args.string("imap-server", &interpreter), imapPort: try await args.int("imap-port", &interpreter),
            imapEncryption: try await args.string("imap-encryption", &interpreter))
        let accepted = try await session.send(Saleshandy.ConnectEmailAccounts([account]), for: args.command)
        return .record(["request_id": .string(accepted.payload.requestId), "size": .int(1)])
    }

    static func status(_ id: String, _ status: SaleshandyConnectStatus) throws -> Value {
        guard case .record(let payload) = try ValueEncoder().encode(status.payload) else { return .null }
        var record: Record = ["request_id": .string(id)]
        for (key, value) in payload where key != "requestId" { record[key] = value }
        return .record(record)
    }
}
