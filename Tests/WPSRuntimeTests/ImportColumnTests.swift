import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Columns no field takes, as spreadsheets export them: an unknown name stops the import with
/// what to do, `--ignore-column` leaves a column out (CSV by name or, without a name, by number;
/// JSON and records by key), and a value under a column without a name is never dropped unseen.
@Suite struct ImportColumnTests {
    func file(_ name: String, _ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString)-\(name)")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func sent(_ api: FakeWoodpecker) -> [[String: Any]] {
        api.bodies.flatMap { $0["prospects"] as? [[String: Any]] ?? [] }
    }

    @Test func columnNamesCompareWithoutCaseSpacesHyphensOrUnderscores() {
        for name in ["SMTP Host", "smtp-host", " Smtp__Host ", "smtp_host", "SMTP.HOST"] {
            #expect(ColumnName.key(name) == "smtp_host")
        }
        #expect(ColumnName.key("E-mail Address") == "e_mail_address")
        #expect(ColumnName.key("Prénom") == "prénom" && ColumnName.key("Snippet 3") == "snippet_3")
        #expect(ColumnName.key("  ") == "" && ColumnName.key("4") == "4")
        // Every alias of every target is reachable under its key.
        #expect(ManualMailboxTarget.known.isSuperset(of: ["smtp_host", "e_mail", "email_address", "daily_limit"]))
        #expect(ProspectTarget.known.isSuperset(of: ["first_name", "e_mail", "snippet_3", "company_name"]))
    }

    @Test func anUnknownColumnStopsTheImportAndSaysWhatToDo() async throws {
        let path = try file("leads.csv", "Email,First Name,Frist Name\r\nann@acme.com,Ann,x\r\n")
        let api = FakeWoodpecker()
        let (_, failure) = await runCapturing("prospect import \(path)", session: api.session)
        let message = try #require(failure?.message)
        #expect(message.contains("\(path):1: Frist Name: unknown column — did you mean 'first_name'?"))
        #expect(message.contains("leave it out with --ignore-column NAME"))
        #expect(api.bodies.isEmpty)
    }

    @Test func ignoredColumnsAreLeftOutByNameInAnyCaseAndTheRestIsSent() async throws {
        let path = try file(
            "leads.csv", "\u{FEFF}Email,First Name,Frist Name,Company,Notes\r\nann@acme.com,Ann,x,Acme,call her\r\n")
        let notes = ProgressLog()
        let api = FakeWoodpecker()
        var session = api.session
        session.settings.progress = { notes.add($0) }
        let values = try await runCommands(
            #"prospect import \#(path) --ignore-column "frist name" --ignore-column NOTES --ignore-column Company --ignore-column Nots"#,
            session: session)
        #expect(values.first?.items.first?.field("outcome") == .string("added"))
        let prospect = try #require(sent(api).first)
        #expect(prospect["email"] as? String == "ann@acme.com" && prospect["first_name"] as? String == "Ann")
        #expect(Set(prospect.keys) == ["email", "first_name"])
        // A name the header lacks is said, not silently taken as done.
        #expect(notes.lines.contains { $0.contains("--ignore-column 'nots': the header has no such column") })
    }

    @Test func aValueUnderAColumnWithoutANameIsAProblemUntilLeftOutByItsNumber() async throws {
        let path = try file("leads.csv", "Email,,Company,,\nann@acme.com,LOST,Acme,,\nbob@acme.com,,Bee,,\n")
        let api = FakeWoodpecker()
        let (_, failure) = await runCapturing("prospect import \(path)", session: api.session)
        let message = try #require(failure?.message)
        #expect(
            message.contains(
                "\(path):2: field 2 holds a value, but its column has no name in the header: name the column, or leave it out with --ignore-column 2"
            ))
        #expect(!message.contains(":3:"))  // empty unnamed columns (trailing commas) are fine
        #expect(api.bodies.isEmpty)
        _ = try await runCommands("prospect import \(path) --ignore-column 2", session: api.session)
        #expect(sent(api).map { $0["company"] as? String } == ["Acme", "Bee"])
    }

    @Test func twoColumnsGivingOneFieldDifferentValuesIsAProblemAndTheSameValueIsNot() async throws {
        let path = try file(
            "leads.csv",
            "Email,Email Address,Company\nann@acme.com,ann@acme.com,Acme\nbob@acme.com,robert@acme.com,Bee\n"
                + ",cy@acme.com,Cee\n")
        let api = FakeWoodpecker()
        let (_, failure) = await runCapturing("prospect import \(path)", session: api.session)
        let message = try #require(failure?.message)
        #expect(
            message.contains(
                "\(path):3: email: the columns 'email' and 'email address' both give it, with different values: leave one out with --ignore-column"
            ))
        // The same value twice is fine, and a column fills in where the first is empty.
        #expect(!message.contains(":2:") && !message.contains(":4:"))
        _ = try await runCommands(
            "prospect import \(path) --ignore-column 'email address' --skip-invalid", session: api.session)
        #expect(sent(api).map { $0["email"] as? String } == ["ann@acme.com", "bob@acme.com"])
        // JSON keys the same way; a password (mailbox import) is never shown.
        let json = try file(
            "boxes.json", #"[{"email":"a@x.co","password":"Pw-First-9x","smtp_password":"Pw-Second-7y"}]"#)
        let (_, boxes) = await runCapturing("mailbox import \(json)", session: api.session)
        let said = try #require(boxes?.message)
        #expect(said.contains("the columns 'smtp_password' and 'password' both give it, with different values"))
        #expect(!said.contains("Pw-First") && !said.contains("Pw-Second"))
    }

    @Test func jsonAndPipedRecordsLeaveOutTheKeysNamed() async throws {
        let json = try file("leads.json", #"[{"email":"ann@acme.com","Notes":"x","company":"Acme"}]"#)
        let ndjson = try file("leads.ndjson", #"{"email":"bob@acme.com","notes":"x"}"# + "\n")
        let api = FakeWoodpecker()
        _ = try await runCommands("prospect import \(json) --ignore-column notes", session: api.session)
        _ = try await runCommands("prospect import \(ndjson) --ignore-column Notes", session: api.session)
        let records = try file("more.json", #"[{"email":"cy@acme.com","NOTES":"x"}]"#)
        _ = try await runCommands("open \(records) | prospect import --ignore-column notes", session: api.session)
        #expect(sent(api).map { Set($0.keys) } == [["email", "company"], ["email"], ["email"]])
        // Without the flag the key is an unknown column, as in a CSV header.
        let (_, failure) = await runCapturing("prospect import \(ndjson)", session: api.session)
        #expect(failure?.message.contains("notes: unknown column") == true)
    }

    @Test func messagesAboutTheShapeOfTheFileNameTheImportsOwnFields() async throws {
        let api = FakeWoodpecker()
        let empty = try file("empty.csv", "")
        let object = try file("object.json", #"{"email":"a@b.co"}"#)
        let (_, first) = await runCapturing("prospect import \(empty)", session: api.session)
        #expect(first?.message.contains("such as email,first_name,last_name,company") == true)
        let (_, second) = await runCapturing("prospect import \(object)", session: api.session)
        #expect(second?.message.contains("expected a JSON array of prospect objects") == true)
        let (_, third) = await runCapturing("echo [1] | prospect import", session: api.session)
        #expect(third?.message.contains("not a record of prospect fields") == true)
        let (_, mailbox) = await runCapturing("mailbox import \(empty)", session: api.session)
        #expect(mailbox?.message.contains("such as email,password,host,port,imap_host,imap_port") == true)
    }
}
