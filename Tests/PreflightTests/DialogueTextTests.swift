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
}
