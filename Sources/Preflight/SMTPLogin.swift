import Foundation

/// The SMTP login dialogue: greeting, EHLO, STARTTLS when the connection is plain, EHLO again,
/// AUTH PLAIN or LOGIN, QUIT. Never MAIL FROM: nothing is sent as mail.
///
/// ```swift
/// let outcome = await SMTPLogin.check(MailServerLogin(host: "smtp.example.com", port: 587, login: "ann@example.com", password: pw))
/// ```
public enum SMTPLogin {
    /// Checks one SMTP login; never throws: every failure is an outcome.
    public static func check(_ login: MailServerLogin) async -> LoginOutcome {
        let mismatchHint =
            login.port == 465
            ? "port 465 expects TLS from the first byte, this server answered in plain SMTP: use 587 with STARTTLS"
            : "--smtp-tls implicit expects TLS from the first byte, this server answered in plain SMTP: "
                + "use STARTTLS (--smtp-tls starttls; usually port 587)"
        return await LoginCheck.run(login, implicitPort: 465, protocolName: "SMTP", mismatchHint: mismatchHint) {
            connection, context in
            try await dialogue(connection, context)
        }
    }

    /// One SMTP reply: its code and its lines' text.
    struct Reply {
        var code: Int
        var lines: [String]
        var detail: String { "\(code) \(lines.joined(separator: " / "))" }
    }

    static func readReply(_ connection: LineConnection) async throws -> Reply {
        var lines: [String] = []
        while true {
            let line = try await connection.readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw DialogueFailure(.protocol, "not an SMTP reply: \(line.prefix(200))")
            }
            lines.append(String(line.dropFirst(4)))
            if line.dropFirst(3).first != "-" { return Reply(code: code, lines: lines) }
            guard lines.count < 1000 else { throw DialogueFailure(.protocol, "an SMTP reply of over 1000 lines") }
        }
    }

    static func command(_ line: String, _ connection: LineConnection) async throws -> Reply {
        try await connection.send(line)
        return try await readReply(connection)
    }

    /// The AUTH mechanisms an EHLO reply offers (`AUTH PLAIN LOGIN`, or the old `AUTH=LOGIN`).
    static func mechanisms(_ ehlo: Reply) -> Set<String> {
        var result: Set<String> = []
        for line in ehlo.lines {
            let upper = line.uppercased()
            guard upper.hasPrefix("AUTH ") || upper.hasPrefix("AUTH=") else { continue }
            for word in upper.dropFirst(5).split(separator: " ") { result.insert(String(word)) }
        }
        return result
    }

    static func offersStartTLS(_ ehlo: Reply) -> Bool {
        ehlo.lines.contains { $0.uppercased().trimmingCharacters(in: .whitespaces) == "STARTTLS" }
    }

    static func dialogue(_ connection: LineConnection, _ context: LoginCheck.Context) async throws -> LoginOutcome {
        let login = context.login
        let greeting = try await readReply(connection)
        guard greeting.code == 220 else {
            throw DialogueFailure(.protocol, "greeting: \(greeting.detail)")
        }
        var ehlo = try await command("EHLO localhost", connection)
        guard ehlo.code == 250 else { throw DialogueFailure(.protocol, "EHLO: \(ehlo.detail)") }
        var secure = context.security == .implicit
        if !secure {
            if offersStartTLS(ehlo) {
                let ready = try await command("STARTTLS", connection)
                guard ready.code == 220 else { throw DialogueFailure(.protocol, "STARTTLS: \(ready.detail)") }
                try await connection.startTLS(context.tls, host: login.host)
                ehlo = try await command("EHLO localhost", connection)
                guard ehlo.code == 250 else { throw DialogueFailure(.protocol, "EHLO after STARTTLS: \(ehlo.detail)") }
                secure = true
            } else if !login.allowsPlaintext {
                _ = try? await command("QUIT", connection)
                return LoginOutcome(
                    .plaintextRefused, "\(login.host):\(login.port) offers no STARTTLS; the password was not sent",
                    hint:
                        "use the server's TLS port (465, or 587 with STARTTLS), or --allow-plaintext to send it in clear"
                )
            }
        }
        let offered = mechanisms(ehlo)
        let reply: Reply
        if offered.contains("PLAIN") {
            let credentials = Base64.encode([0] + Array(login.login.utf8) + [0] + Array(login.password.utf8))
            reply = try await command("AUTH PLAIN " + credentials, connection)
        } else if offered.contains("LOGIN") {
            let askLogin = try await command("AUTH LOGIN", connection)
            guard askLogin.code == 334 else { return authFailure(askLogin, login) }
            let askPassword = try await command(Base64.encode(Array(login.login.utf8)), connection)
            guard askPassword.code == 334 else { return authFailure(askPassword, login) }
            reply = try await command(Base64.encode(Array(login.password.utf8)), connection)
        } else {
            _ = try? await command("QUIT", connection)
            let shown = offered.isEmpty ? "none" : offered.sorted().joined(separator: " ")
            return LoginOutcome(
                .protocol, "AUTH mechanisms offered: \(shown)",
                hint: "the server offers no AUTH mechanism wps can use (PLAIN or LOGIN)"
                    + (secure ? "" : "; some servers offer AUTH only after TLS"))
        }
        _ = try? await command("QUIT", connection)
        return reply.code == 235 ? LoginOutcome(.ok, reply.detail) : authFailure(reply, login)
    }

    /// A refused AUTH: `auth_failed` for the 5xx codes that mean the credentials, with a hint.
    static func authFailure(_ reply: Reply, _ login: MailServerLogin) -> LoginOutcome {
        guard [530, 534, 535, 454].contains(reply.code) || (500..<600).contains(reply.code) else {
            return LoginOutcome(.protocol, "AUTH: \(reply.detail)")
        }
        return LoginOutcome(.authFailed, reply.detail, hint: AuthHint.text(host: login.host, login: login.login))
    }
}
