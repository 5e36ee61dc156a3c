import Foundation

/// The IMAP login dialogue: greeting, STARTTLS when the connection is plain, LOGIN (or
/// AUTHENTICATE PLAIN for credentials a quoted string cannot carry), LOGOUT.
public enum IMAPLogin {
    /// Checks one IMAP login; never throws: every failure is an outcome.
    public static func check(_ login: MailServerLogin) async -> LoginOutcome {
        let mismatchHint =
            login.port == 993
            ? "port 993 expects TLS from the first byte, this server answered in plain IMAP: use 143 with STARTTLS"
            : "--imap-tls implicit expects TLS from the first byte, this server answered in plain IMAP: "
                + "use STARTTLS (--imap-tls starttls; usually port 143)"
        return await LoginCheck.run(login, implicitPort: 993, protocolName: "IMAP", mismatchHint: mismatchHint) {
            connection, context in
            try await dialogue(connection, context)
        }
    }

    /// A tagged completion: `OK`, `NO` or `BAD`, and the whole line.
    struct Completion {
        var status: String
        var line: String
    }

    /// Sends `tag command`, skips untagged lines, returns the tagged completion.
    static func command(_ tag: String, _ command: String, _ connection: LineConnection) async throws -> Completion {
        try await connection.send("\(tag) \(command)")
        for _ in 0..<10_000 {
            let line = try await connection.readLine()
            guard line.hasPrefix(tag + " ") else { continue }
            let rest = line.dropFirst(tag.count + 1)
            return Completion(status: String(rest.prefix { $0 != " " }).uppercased(), line: String(rest))
        }
        throw DialogueFailure(.protocol, "no answer to \(tag) among 10000 lines")
    }

    /// `OK [CAPABILITY IMAP4rev1 …] Logged in` → `OK Logged in`: the list says nothing about the login.
    static func withoutCapabilities(_ line: String) -> String {
        guard let open = line.range(of: "[CAPABILITY "), let close = line[open.upperBound...].firstIndex(of: "]") else {
            return line
        }
        let after = line[line.index(after: close)...].drop { $0 == " " }
        return String(line[..<open.lowerBound]) + after
    }

    /// A quoted string, or nil when the text cannot be one (CR, LF, NUL or non-ASCII).
    static func quoted(_ text: String) -> String? {
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    static func dialogue(_ connection: LineConnection, _ context: LoginCheck.Context) async throws -> LoginOutcome {
        let login = context.login
        let greeting = try await connection.readLine()
        let upper = greeting.uppercased()
        guard upper.hasPrefix("* OK") || upper.hasPrefix("* PREAUTH") else {
            throw DialogueFailure(.protocol, "greeting: \(greeting.prefix(300))")
        }
        if context.security == .starttls {
            let started = try await command("a1", "STARTTLS", connection)
            if started.status == "OK" {
                try await connection.startTLS(context.tls, host: login.host)
            } else if !login.allowsPlaintext {
                _ = try? await command("a9", "LOGOUT", connection)
                return LoginOutcome(
                    .plaintextRefused,
                    "\(login.host):\(login.port) refused STARTTLS (\(started.line.prefix(200))); the password was not sent",
                    hint: "use the server's TLS port (993), or --allow-plaintext to send it in clear")
            }
        }
        let completion: Completion
        if let user = quoted(login.login), let password = quoted(login.password) {
            completion = try await command("a2", "LOGIN \(user) \(password)", connection)
        } else {
            let credentials = Base64.encode([0] + Array(login.login.utf8) + [0] + Array(login.password.utf8))
            completion = try await command("a2", "AUTHENTICATE PLAIN \(credentials)", connection)
        }
        _ = try? await command("a3", "LOGOUT", connection)
        switch completion.status {
        case "OK": return LoginOutcome(.ok, withoutCapabilities(completion.line))
        case "NO":
            return LoginOutcome(
                .authFailed, completion.line, hint: AuthHint.text(host: login.host, login: login.login))
        default: return LoginOutcome(.protocol, "LOGIN: \(completion.line.prefix(300))")
        }
    }
}
