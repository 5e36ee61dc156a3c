import Foundation
import OutreachAPI
import WPSLanguage

/// The Saleshandy side of `mailbox add|import` and `batch summary|watch`
/// (`--provider saleshandy`, or a Saleshandy profile).
enum SaleshandyCommands {
    /// CSV column aliases for Saleshandy's field names.
    static let aliases: [String: String] = [
        "email": "smtpEmailAddress", "smtp_email": "smtpEmailAddress", "password": "smtpPassword", "smtp_password": "smtpPassword",
        "host": "smtpHost", "smtp_server": "smtpHost", "smtp_host": "smtpHost", "port": "smtpPort", "smtp_port": "smtpPort",
        "login": "smtpUserName", "smtp_login": "smtpUserName", "imap_email": "imapEmailAddress", "imap_password": "imapPassword",
        "imap_server": "imapHost", "imap_host": "imapHost", "imap_port": "imapPort", "first_name": "fromFirstName",
        "last_name": "fromLastName", "esp": "emailServiceProvider",
    ]

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

    /// Rows of a CSV (Saleshandy's field names or the aliases) or a JSON array.
    static func rows(_ path: String, at range: SourceRange?) throws -> [(line: Int, account: SaleshandyEmailAccount)] {
        if path.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("cannot read \(path)", at: range) }
            do {
                return try JSONCoding.decode([SaleshandyEmailAccount].self, from: data).enumerated().map { ($0.offset + 1, $0.element) }
            } catch {
                throw RuntimeError("\(path): not a JSON array of email accounts: \(error)", at: range)
            }
        }
        guard case .list(let records) = try ValueReader.read(path) else { return [] }
        return try records.enumerated().map { index, record in
            var object: [String: Any] = [:]
            if case .record(let fields) = record {
                for (name, value) in fields where !value.text.isEmpty {
                    let key = aliases[name] ?? name
                    object[key] = key.hasSuffix("Port") ? (Int(value.text) as Any? ?? value.text) : value.text
                }
            }
            do {
                let data = try JSONSerialization.data(withJSONObject: object)
                return (index + 2, try JSONCoding.decode(SaleshandyEmailAccount.self, from: data))
            } catch {
                throw RuntimeError("\(path):\(index + 2): a port holds text", at: range)
            }
        }
    }

    static func status(_ id: String, _ status: SaleshandyConnectStatus) throws -> Value {
        guard case .record(let payload) = try ValueEncoder().encode(status.payload) else { return .null }
        var record: Record = ["request_id": .string(id)]
        for (key, value) in payload where key != "requestId" { record[key] = value }
        return .record(record)
    }

    /// Polls Saleshandy connect requests until each has completed.
    static func watch(_ ids: [String], _ session: Session, at range: SourceRange) async throws -> Value {
        var done: [String: SaleshandyConnectStatus] = [:]
        var delay = Duration.milliseconds(100)
        while done.count < ids.count {
            for id in ids where done[id] == nil {
                let status = try await session.send(Saleshandy.GetConnectStatus(requestID: id), at: range)
                if status.payload.isCompleted { done[id] = status }
            }
            if done.count < ids.count {
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
        return .list(try ids.compactMap { id in try done[id].map { try status(id, $0) } })
    }
}
