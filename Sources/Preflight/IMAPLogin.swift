import Foundation

/// The IMAP login dialogue: greeting, STARTTLS when the connection is plain, LOGIN (or
/// AUTHENTICATE PLAIN for credentials a quoted string cannot carry), LOGOUT.
public enum IMAPLogin {
    /// Checks one IMAP login; never throws: every failure is an outcome.
    public static func check(_ login: MailServerLogin) async -> LoginOutcome {
        await LoginCheck.run(login, .imap) { connection, context in try await dialogue(connection, context) }
    }

    /// A tagged completion: `OK`, `NO` or `BAD`, and the whole line.
    struct Completion {
        var status: String
        var line: String

        /// The response code (RFC 5530) after the status, upper-cased: `NO [AUTHENTICATIONFAILED] …`
        /// → `AUTHENTICATIONFAILED`.
        var responseCode: String? {
            let rest = line.drop { $0 != " " }.drop { $0 == " " }
            guard rest.first == "[", let close = rest.firstIndex(where: { $0 == "]" || $0 == " " }) else { return nil }
            return rest[rest.index(after: rest.startIndex)..<close].uppercased()
        }
    }

    /// What came back to a command: its tagged completion, or a continuation request (`+ …`).
    enum Answer {
        case completion(Completion)
        case continuation(String)
    }

    /// Sends `tag command`, skips untagged lines, returns the tagged completion; a continuation
    /// request is a protocol failure here (the command asked for none).
    static func command(_ tag: String, _ command: String, secrets: [String] = [], _ connection: LineConnection)
        async throws -> Completion
    {
        try await connection.send("\(tag) \(command)", secrets: secrets)
        switch try await answer(to: tag, connection) {
        case .completion(let completion): return completion
        case .continuation(let line):
            throw DialogueFailure(
                .protocol, "the server asked for more (\(line.prefix(200))) after \(command.prefix { $0 != " " })")
        }
    }

    /// Skips untagged lines up to the completion of `tag` or a continuation request.
    static func answer(to tag: String, _ connection: LineConnection) async throws -> Answer {
        for _ in 0..<10_000 {
            let line = try await connection.readLine()
            if line == "+" || line.hasPrefix("+ ") { return .continuation(line) }
            guard line.hasPrefix(tag + " ") else { continue }
            let rest = line.dropFirst(tag.count + 1)
            return .completion(Completion(status: String(rest.prefix { $0 != " " }).uppercased(), line: String(rest)))
        }
        throw DialogueFailure(.protocol, "no answer to \(tag) among 10000 lines")
    }

    /// `AUTHENTICATE PLAIN`, its credentials after the server's `+` (no SASL-IR needed).
    static func authenticatePlain(_ tag: String, _ login: MailServerLogin, _ connection: LineConnection)
        async throws -> Completion
    {
        try await connection.send("\(tag) AUTHENTICATE PLAIN")
        if case .completion(let refused) = try await answer(to: tag, connection) {
            return refused  // before the credentials were asked for
        }
        let credentials = login.plainCredentials
        try await connection.send(credentials, secrets: [credentials] + login.passwordForms)
        switch try await answer(to: tag, connection) {
        case .completion(let completion): return completion
        case .continuation(let line):
            throw DialogueFailure(.protocol, "the server asked for more (\(line.prefix(200))) after the credentials")
        }
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
                    hint: MailProtocol.imap.plaintextRefusedHint(port: login.port))
            }
        }
        let completion: Completion
        let verb: String
        if let user = quoted(login.login), let password = quoted(login.password) {
            // A server may echo the quoted form, or what is between its quotes.
            let secrets = [password, String(password.dropFirst().dropLast())] + login.passwordForms
            completion = try await command("a2", "LOGIN \(user) \(password)", secrets: secrets, connection)
            verb = "LOGIN"
        } else {
            completion = try await authenticatePlain("a2", login, connection)
            verb = "AUTHENTICATE"
        }
        _ = try? await command("a3", "LOGOUT", connection)
        return outcome(of: completion, verb: verb, login)
    }

    /// A login's completion as an outcome: `OK`, or a refusal read by its response code
    /// (RFC 5530); a `NO` without one is taken as refused credentials, as most servers say so.
    static func outcome(of completion: Completion, verb: String, _ login: MailServerLogin) -> LoginOutcome {
        switch (completion.status, completion.responseCode) {
        case ("OK", _):
            return LoginOutcome(.ok, withoutCapabilities(completion.line))
        case ("NO", "UNAVAILABLE"?), ("NO", "SERVERBUG"?), ("NO", "INUSE"?), ("NO", "LIMIT"?):
            return LoginOutcome(
                .protocol, "\(verb): \(completion.line.prefix(300))",
                hint: "the server cannot log anyone in now: try again later")
        case ("NO", "PRIVACYREQUIRED"?):
            return LoginOutcome(
                .tlsMismatch, completion.line,
                hint: "the server takes this login only over TLS: use its TLS port "
                    + "(\(MailProtocol.imap.implicitPort), or \(MailProtocol.imap.starttlsPort) with STARTTLS)")
        case ("NO", "CONTACTADMIN"?), ("NO", "EXPIRED"?):
            return LoginOutcome(.authFailed, completion.line, hint: "the provider holds this account: ask its admin")
        case ("NO", _):
            return LoginOutcome(
                .authFailed, completion.line, hint: AuthHint.text(host: login.host, login: login.login))
        default:
            return LoginOutcome(.protocol, "\(verb): \(completion.line.prefix(300))")
        }
    }
}
