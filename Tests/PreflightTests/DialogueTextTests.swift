import Testing

@testable import Preflight

/// The pure parts of the login dialogues: SASL's base64, what an EHLO offers, IMAP quoting,
/// and that no detail shows the password.
@Suite struct DialogueTextTests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy"),
        ("\0ann\0pw", "AGFubgBwdw=="),
    ])
    func base64MatchesRFC4648(_ text: String, _ encoded: String) {
        #expect(Base64.encode(Array(text.utf8)) == encoded)
    }

    @Test func ehloOffersAreReadInAnyCaseAndTheOldSpelling() {
        let reply = SMTPLogin.Reply(
            code: 250, lines: ["mail.example.com", "starttls", "AUTH=LOGIN", "auth plain cram-md5"])
        #expect(SMTPLogin.offersStartTLS(reply))
        #expect(SMTPLogin.mechanisms(reply) == ["LOGIN", "PLAIN", "CRAM-MD5"])
        #expect(!SMTPLogin.offersStartTLS(SMTPLogin.Reply(code: 250, lines: ["mail.example.com", "8BITMIME"])))
        #expect(SMTPLogin.Reply(code: 535, lines: ["5.7.8 bad", "more"]).detail == "535 5.7.8 bad / more")
    }

    @Test func imapQuotingEscapesOrRefuses() {
        #expect(IMAPLogin.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(IMAPLogin.quoted("line\r\nbreak") == nil)
        #expect(IMAPLogin.quoted("grüße") == nil)
        #expect(IMAPLogin.withoutCapabilities("OK [CAPABILITY IMAP4rev1 IDLE] Logged in") == "OK Logged in")
        #expect(IMAPLogin.withoutCapabilities("OK Logged in") == "OK Logged in")
    }

    @Test func aDetailNeverShowsThePasswordNorItsBase64() {
        let login = MailServerLogin(host: "h", port: 1, login: "ann", password: "Hunter2-secret")
        let encoded = Base64.encode(Array("Hunter2-secret".utf8))
        let text = login.redacted("535 bad password Hunter2-secret (\(encoded))")
        #expect(!text.contains("Hunter2-secret") && !text.contains(encoded))
        #expect(text == "535 bad password •••• (••••)")
    }

    @Test func autoSecurityFollowsTheProtocolsTLSPort() {
        #expect(TransportSecurity.auto.resolved(port: 465, implicitPort: 465) == .implicit)
        #expect(TransportSecurity.auto.resolved(port: 587, implicitPort: 465) == .starttls)
        #expect(TransportSecurity.starttls.resolved(port: 465, implicitPort: 465) == .starttls)
        #expect(LineConnection.serverName("127.0.0.1") == nil && LineConnection.serverName("::1") == nil)
        #expect(LineConnection.serverName("smtp.example.com") == "smtp.example.com")
    }

    @Test func redactionHidesOnlyWhatWasSentLongestFirst() {
        var redaction = Redaction()
        #expect(redaction.apply("250 smtp.example.invalid") == "250 smtp.example.invalid")
        let login = MailServerLogin(host: "h", port: 1, login: "ann", password: #"s3"cr\et"#)
        let quoted = IMAPLogin.quoted(login.password)!
        redaction.add([quoted, String(quoted.dropFirst().dropLast()), login.plainCredentials] + login.passwordForms)
        #expect(redaction.apply("a2 BAD received: LOGIN ann \(quoted)") == "a2 BAD received: LOGIN ann ••••")
        #expect(redaction.apply(#"echo s3\"cr\\et"#) == "echo ••••")
        #expect(redaction.apply("501 AUTH PLAIN \(login.plainCredentials)") == "501 AUTH PLAIN ••••")
    }

    @Test(arguments: [
        ("smtp.gmail.com", true), ("imap.mail.me.com", true), ("outlook.office365.com", true), ("GMAIL.COM.", true),
        ("smtp.acme.com", false), ("mail.notgmail.com", false), ("gmail.com.example.org", false),
    ])
    func bigProvidersAreMatchedByWholeDomain(_ host: String, _ big: Bool) {
        #expect(AuthHint.isBigProvider(host) == big)
    }

    @Test(arguments: [
        (535, LoginStatus.authFailed), (534, .authFailed), (530, .authFailed), (538, .tlsMismatch), (454, .protocol),
        (501, .protocol), (500, .protocol),
    ])
    func smtpRefusalsAreReadByTheirCode(_ code: Int, _ status: LoginStatus) {
        let login = MailServerLogin(host: "smtp.acme.com", port: 587, login: "ann", password: "pw")
        #expect(SMTPLogin.authFailure(SMTPLogin.Reply(code: code, lines: ["x"]), login).status == status)
    }

    @Test(arguments: [
        ("NO [AUTHENTICATIONFAILED] Authentication failed.", LoginStatus.authFailed), ("NO Login failed", .authFailed),
        ("NO [UNAVAILABLE] try later", .protocol), ("NO [PRIVACYREQUIRED] use TLS", .tlsMismatch),
        ("BAD what", .protocol), ("OK [CAPABILITY IMAP4rev1] Logged in", .ok),
    ])
    func imapCompletionsAreReadByTheirResponseCode(_ line: String, _ status: LoginStatus) {
        let login = MailServerLogin(host: "imap.acme.com", port: 993, login: "ann", password: "pw")
        let completion = IMAPLogin.Completion(status: String(line.prefix { $0 != " " }), line: line)
        #expect(IMAPLogin.outcome(of: completion, verb: "LOGIN", login).status == status)
    }

    @Test func theProtocolsKnowTheirPorts() {
        #expect(MailProtocol.smtp.defaultPort(.auto) == 465 && MailProtocol.smtp.defaultPort(.starttls) == 587)
        #expect(MailProtocol.imap.defaultPort(.implicit) == 993 && MailProtocol.imap.defaultPort(.starttls) == 143)
        #expect(TransportSecurity.auto.resolved(port: 993, for: .imap) == .implicit)
        #expect(MailProtocol.imap.plaintextRefusedHint(port: 143).hasPrefix("use the server's TLS port (993)"))
        #expect(MailProtocol.smtp.mismatchHint(port: 465).contains("use 587 with STARTTLS"))
    }
}
