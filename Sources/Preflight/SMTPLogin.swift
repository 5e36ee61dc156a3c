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
        await LoginCheck.run(login, .smtp) { connection, context in try await dialogue(connection, context) }
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

    static func command(_ line: String, secrets: [String] = [], _ connection: LineConnection) async throws -> Reply {
        try await connection.send(line, secrets: secrets)
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
                    hint: MailProtocol.smtp.plaintextRefusedHint(port: login.port))
            }
        }
        let offered = mechanisms(ehlo)
        let reply: Reply
        if offered.contains("PLAIN") {
            let credentials = login.plainCredentials
            reply = try await command(
                "AUTH PLAIN " + credentials, secrets: [credentials] + login.passwordForms, connection)
        } else if offered.contains("LOGIN") {
            let askLogin = try await command("AUTH LOGIN", connection)
            guard askLogin.code == 334 else { return authFailure(askLogin, login) }
            let askPassword = try await command(Base64.encode(Array(login.login.utf8)), connection)
            guard askPassword.code == 334 else { return authFailure(askPassword, login) }
            let encoded = Base64.encode(Array(login.password.utf8))
            reply = try await command(encoded, secrets: [encoded] + login.passwordForms, connection)
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

    /// A refused AUTH, by its code (RFC 4954): `auth_failed` (with a hint) only for the codes
    /// that mean the credentials; a temporary failure or a syntax error is the server's problem.
    static func authFailure(_ reply: Reply, _ login: MailServerLogin) -> LoginOutcome {
        switch reply.code {
        case 530, 534, 535:
            return LoginOutcome(.authFailed, reply.detail, hint: AuthHint.text(host: login.host, login: login.login))
        case 538:
            return LoginOutcome(
                .tlsMismatch, reply.detail,
                hint: "the server takes this login only over TLS: use its TLS port "
                    + "(\(MailProtocol.smtp.implicitPort), or \(MailProtocol.smtp.starttlsPort) with STARTTLS)")
        case 454:
            return LoginOutcome(
                .protocol, "AUTH: \(reply.detail)", hint: "a temporary failure on the server's side: try again later")
        default:
            return LoginOutcome(.protocol, "AUTH: \(reply.detail)")
        }
    }
}
