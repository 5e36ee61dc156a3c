import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// A scripted Woodpecker for the prospect and report commands: `add_prospects_*` answer each
/// prospect (a seen email is `E_DUPLICATE`, an address at `bounced.test` is `E_INV_STATUS` in a
/// campaign), `GET prospects` pages through `stored`, reports are ready on the second poll.
final class FakeWoodpecker: @unchecked Sendable {
    let lock = NSLock()
    /// The emails stored, in order (set by tests before a run).
    var stored: [String] = [] {
        didSet { if stored.count != storedSet.count { storedSet = Set(stored) } }
    }
    var storedSet: Set<String> = []
    var bodies: [[String: Any]] = []
    var urls: [String] = []
    var polls = 0

    func answer(_ request: PreparedRequest) -> TransportResponse {
        lock.withLock {
            urls.append(request.url)
            let body = request.body.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
            bodies.append(body)
            if request.url.contains("/add_prospects_") {
                let campaign = request.url.hasSuffix("campaign")
                var entries: [[String: Any]] = []
                for prospect in body["prospects"] as? [[String: Any]] ?? [] {
                    let email = prospect["email"] as? String ?? ""
                    if campaign && email.hasSuffix("@bounced.test") && body["force"] as? Bool != true {
                        entries.append([
                            "email": email, "id": 9, "status": "ERROR", "code": "E_INV_STATUS",
                            "msg": "status is BOUNCED",
                        ])
                    } else if storedSet.contains(email) {
                        entries.append([
                            "email": email, "id": 7, "status": "ERROR", "code": "E_DUPLICATE", "msg": "dup",
                        ])
                    } else {
                        storedSet.insert(email)
                        stored.append(email)
                        entries.append(["email": email, "id": 100_000 + stored.count])
                    }
                }
                let answer: [String: Any] = [
                    "prospects": entries, "status": ["status": "OK", "code": "OK", "msg": "OK"],
                ]
                return TransportResponse(
                    status: 200, body: Array((try? JSONSerialization.data(withJSONObject: answer)) ?? Data()))
            }
            if request.url.contains("/v1/prospects") {
                let items = URLComponents(string: request.url)?.queryItems ?? []
                let page = Int(items.first { $0.name == "page" }?.value ?? "1") ?? 1
                let perPage = Int(items.first { $0.name == "per_page" }?.value ?? "100") ?? 100
                let slice = stored.dropFirst((page - 1) * perPage).prefix(perPage)
                let headers = ["X-Total-Count": "\(stored.count)"]
                guard !slice.isEmpty else { return TransportResponse(status: 204, headers: headers) }
                let records = slice.enumerated().map { index, email -> [String: Any] in
                    [
                        "id": 100_001 + (page - 1) * perPage + index, "email": email, "status": "ACTIVE",
                        "company": "Acme",
                    ]
                }
                return TransportResponse(
                    status: 200, headers: headers,
                    body: Array((try? JSONSerialization.data(withJSONObject: records)) ?? Data()))
            }
            if request.method == .post, let kind = request.url.split(separator: "/").last {
                let hash = kind == "campaigns" ? "general" : kind.hasPrefix("complete") ? "steps" : String(kind)
                return TransportResponse(status: 200, body: Array(#"{"hash":"\#(hash)"}"#.utf8))
            }
            if request.url.contains("/reports/") {
                polls += 1
                if polls % 2 == 1 {
                    return TransportResponse(status: 200, body: Array(#"{"status":"IN_PROGRESS"}"#.utf8))
                }
                let general =
                    #"{"status":"READY","report":{"description":"d","data":["#
                    + #"{"id":7,"name":"Q4","status":"RUNNING","sent_from":"a@x.com","contacted_prospects":100,"bounced":4,"#
                    + #""bounced_rate":"4.0%","opened":40,"open_rate":"41.7%","clicked":2,"opt_out":1,"delivered":96,"#
                    + #""responded":9,"response_rate":"9.4%","interested":5,"maybe_later":3,"not_interested":1},"#
                    + #"{"id":7,"name":"Q4","status":"RUNNING","sent_from":"b@x.com","contacted_prospects":50,"bounced":1,"#
                    + #""bounced_rate":"2.0%","opened":20,"open_rate":"40.8%","clicked":0,"opt_out":0,"delivered":49,"#
                    + #""responded":3,"response_rate":"6.1%","interested":1,"maybe_later":1,"not_interested":1},"#
                    + #"{"id":8,"name":"Other","status":"RUNNING","sent_from":"a@x.com","contacted_prospects":1}]}}"#
                let steps =
                    #"{"status":"READY","report":{"description":"d","data":[{"id":7,"name":"Q4","status":"RUNNING","#
                    + #""step":1,"version":"A","contacted_prospects":150}]}}"#
                let other = #"{"status":"READY","report":{"description":"d","data":[{"id":7,"sent":3}]}}"#
                let body =
                    request.url.hasSuffix("general") ? general : request.url.hasSuffix("steps") ? steps : other
                return TransportResponse(status: 200, body: Array(body.utf8))
            }
            if request.url.hasSuffix("/campaigns/7") {
                let campaign =
                    #"{"id":7,"name":"Q4","status":"RUNNING","email_account_ids":[1],"#
                    + #""settings":{"timezone":"UTC","daily_enroll":5},"steps":{"id":"s","type":"START","followup":null}}"#
                return TransportResponse(status: 200, body: Array(campaign.utf8))
            }
            return TransportResponse(status: 404)
        }
    }

    var session: Session {
        let client = OutreachClient(
            configuration: .init(baseURLs: [.woodpecker: "http://api.test/rest/v2"], apiKeys: [.woodpecker: "k"]),
            transport: ClosureTransport { request in self.answer(request) })
        return Session(client: client)
    }
}

/// Runs wps code; what it printed (a failing command's partial result too) and its error.
func runCapturing(_ text: String, session: Session) async -> ([Value], RuntimeError?) {
    let printed = Printed()
    var interpreter = Interpreter(session: session) { printed.values.append($0) }
    let parsed = Parser.parse(SourceFile(name: "t.wps", text: text))
    do {
        try await interpreter.run(parsed.script)
        return (printed.values, nil)
    } catch {
        return (printed.values, error as? RuntimeError)
    }
}

@Suite struct ProspectCommandTests {
    /// `prospect list` records keep what the API gives beyond the fields: `organization_id`,
    /// `snippet_labels`, `encrypted`, and in each campaign `campaign_email`.
    @Test func prospectListRecordsKeepTheOrganisationLabelsEncryptionAndCampaignEmail() throws {
        let sample =
            #"{"id":7,"email":"a@x.com","status":"ACTIVE","organization_id":42,"encrypted":true,"#
            + #""snippet_labels":{"Snippet 1":"Opening line"},"#
            + #""campaigns_details":[{"campaign_id":1,"campaign_name":"Q4","campaign_status":"RUNNING","#
            + #""campaign_prospect_status":"ACTIVE","interested":null,"campaign_email":"sender@acme.com"}]}"#
        let prospect = try JSONCoding.decode(ProspectRecord.self, from: Data(sample.utf8))
        guard case .record(let record) = ProspectListCommand.record(prospect) else {
            Issue.record("not a record")
            return
        }
        #expect(record["organization_id"] == .int(42))
        #expect(record["encrypted"] == .bool(true))
        #expect(record["snippet_labels"] == .record(["Snippet 1": .string("Opening line")]))
        guard case .list(let campaigns) = record["campaigns"], case .record(let campaign) = campaigns.first else {
            Issue.record("no campaigns in \(record)")
            return
        }
        #expect(campaign["campaign_email"] == .string("sender@acme.com"))
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString)-\(name)").path
    }

    @Test func prospectImportSendsTwentyThousandARequestAndReportsEachRow() async throws {
        let file = temporary("leads.csv")
        let report = temporary("outcome.csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        var csv = "\u{FEFF}Email,First Name,Company\r\n"
        for index in 0..<45_000 { csv += "p\(index)@acme.com,P\(index),Acme\r\n" }
        csv += "x@bounced.test,X,B\r\nknown@acme.com,Again,Acme\r\n"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let api = FakeWoodpecker()
        api.stored = ["known@acme.com"]
        let command = "prospect import \(file) --campaign 777001 --report \(report) --journal \(file).journal"
        let (printed, failure) = await runCapturing(command, session: api.session)
        #expect(failure?.exitCode == 1)
        #expect(failure?.message.contains("the API rejected 1 row") == true)
        #expect(
            failure?.message.contains("E_INV_STATUS (the prospect's status is not ACTIVE (--force admits it))") == true)
        let records = try #require(printed.first?.items)
        let outcomes = records.map { "\($0.field("outcome")?.text ?? "") \($0.field("size")?.text ?? "")" }
        #expect(outcomes.sorted() == ["added 45000", "duplicate 1", "rejected 1"])
        // Run again: the journal knows every row's outcome; nothing is sent.
        let before = api.bodies.count
        let (again, _) = await runCapturing(command, session: api.session)
        #expect(api.bodies.count == before)
        #expect(again.first?.items.count == 3)
        // Three requests: 20,000 + 20,000 + 5,002.
        let sizes = api.bodies.map { ($0["prospects"] as? [Any])?.count ?? 0 }
        #expect(sizes.sorted() == [5002, 20000, 20000])
        #expect(api.bodies.allSatisfy { ($0["campaign"] as? [String: Any])?["campaign_id"] as? Int == 777_001 })
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "line,email,outcome,code,message")
        #expect(lines.count == 45_003)
        #expect(lines[1] == "2,p0@acme.com,added,,")
        #expect(lines[45_001].hasPrefix("45002,x@bounced.test,rejected,E_INV_STATUS,"))
        #expect(lines[45_002].hasPrefix("45003,known@acme.com,duplicate,E_DUPLICATE,"))
        let first = try #require((api.bodies.first?["prospects"] as? [[String: Any]])?.first)
        #expect(first["first_name"] as? String != nil && first["company"] as? String == "Acme")
    }

    @Test func prospectImportAllowRejectedExitsZeroAndForceNeedsACampaign() async throws {
        let file = temporary("leads.csv")
        try "email\nx@bounced.test\n".write(toFile: file, atomically: true, encoding: .utf8)
        let api = FakeWoodpecker()
        let values = try await runCommands(
            "prospect import \(file) --campaign 5 --allow-rejected", session: api.session)
        #expect(values.first?.items.first?.field("code") == .string("E_INV_STATUS"))
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands("prospect import \(file) --force", session: api.session)
        }
        #expect(api.bodies.count == 1)
    }

    @Test func prospectAddRejectionNamesTheCodeAndItsMeaning() async throws {
        let api = FakeWoodpecker()
        let added = try await runCommands(
            "prospect add ann@acme.com --first-name Ann --snippet3 hi", session: api.session)
        #expect(added.first?.field("outcome") == .string("added"))
        let sent = try #require((api.bodies.first?["prospects"] as? [[String: Any]])?.first)
        #expect(sent["first_name"] as? String == "Ann" && sent["snippet3"] as? String == "hi")
        do {
            _ = try await runCommands("prospect add ann@acme.com", session: api.session)
            Issue.record("a duplicate must fail")
        } catch let error as RuntimeError {
            #expect(error.exitCode == 1)
            #expect(error.message.contains("E_DUPLICATE (the prospect is already there)"))
            #expect(error.message.contains("--update changes its fields"))
        }
        do {
            _ = try await runCommands("prospect add not-an-email", session: api.session)
            Issue.record("a bad email must fail before sending")
        } catch let error as RuntimeError {
            #expect(error.exitCode == 2 && error.message.contains("must be a valid email address"))
        }
        #expect(api.bodies.count == 2)
    }

    @Test func aSendAfterWithoutAnOffsetIsRefusedAtTheFlagBeforeAnyRowIsRead() async throws {
        let api = FakeWoodpecker()
        let command = #"prospect import missing.csv --campaign 5 --send-after "2026-12-10 09:30""#
        let (_, failure) = await runCapturing(command, session: api.session)
        #expect(
            failure?.message
                == "--send-after takes a date-time with seconds and an offset, such as 2026-12-10T09:30:00+0000 (+0000 is UTC, +0100 an hour ahead of it); got '2026-12-10 09:30'"
        )
        #expect(failure?.range == SourceRange(54, 72))
        #expect(api.bodies.isEmpty)
        // Any other text gets the documented example; a date-time with an offset goes through.
        let (_, unknown) = await runCapturing(
            "prospect add a@acme.com --campaign 5 --send-after tomorrow", session: api.session)
        #expect(unknown?.message.contains("2025-04-01T09:00:00+0000") == true)
        let (_, sent) = await runCapturing(
            "prospect add x@bounced.test --campaign 5 --send-after 2026-12-10T09:30:00+01:00", session: api.session)
        #expect(sent?.message.hasPrefix("x@bounced.test: E_INV_STATUS") == true)
    }

    @Test func aChoiceInAnyCaseIsTakenAsTheAPISpellsIt() async throws {
        // The checker and the reader share one rule: `replied` is `REPLIED`, a literal or not.
        #expect(Parser.parse(SourceFile(name: "t.wps", text: "prospect list --status replied")).diagnostics.isEmpty)
        let api = FakeWoodpecker()
        _ = try await runCommands(#"let s = "blacklist"; prospect list --status $s"#, session: api.session)
        #expect(api.urls.last?.contains("status=BLACKLIST") == true)
        // A value no choice spells in any case is refused, with the closest.
        let source = SourceFile(name: "t.wps", text: "prospect list --status repiled")
        let lines = Parser.parse(source).diagnostics.map { DiagnosticRenderer(source: source).renderLine($0) }
        #expect(
            lines == [
                "t.wps:1:24: error: expected ACTIVE, BLACKLIST, BOUNCED, INVALID, REPLIED for --status, got 'repiled'"
                    + " — did you mean 'REPLIED'?"
            ])
        let (_, failure) = await runCapturing(#"let s = "done"; prospect list --status $s"#, session: api.session)
        #expect(failure?.message.hasPrefix("--status: expected ACTIVE, BLACKLIST, BOUNCED, INVALID, REPLIED") == true)
    }

    @Test func prospectListAllPagesUntilThePagesEnd() async throws {
        let api = FakeWoodpecker()
        api.stored = (0..<2_500).map { "p\($0)@acme.com" }
        let values = try await runCommands(
            #"prospect list --all | where status == "ACTIVE" | count"#, session: api.session)
        #expect(values == [.int(2_500)])
        #expect(api.urls.count == 3)
        #expect(api.urls.allSatisfy { $0.contains("per_page=1000") })
        let one = try await runCommands("prospect list --per-page 2 --status ACTIVE", session: api.session)
        #expect(one.first?.items.count == 2)
        // `field=value` needs no quotes: the word and what directly follows its `=` are one value.
        _ = try await runCommands("prospect list --search first_name=Ann,company=Acme", session: api.session)
        let searched = try #require(api.urls.last.flatMap(URLComponents.init(string:))?.queryItems)
        #expect(searched.first { $0.name == "search" }?.value == "first_name=Ann,company=Acme")
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands("prospect list --per-page 5000", session: api.session)
        }
    }

    @Test func reportCampaignsPollsUntilReadyAndCampaignStatsAddsTheMailboxes() async throws {
        let api = FakeWoodpecker()
        let rows = try await runCommands("report campaigns --from 7d --interval 1ms", session: api.session)
        #expect(rows.first?.items.count == 3)
        let first = try #require(rows.first?.items.first)
        guard case .record(let record) = first else { return }
        #expect(Array(record.keys.prefix(4)) == ["id", "name", "status", "sent_from"])
        let stats = try await runCommands("campaign stats 7 --interval 1ms", session: api.session)
        let totals = try #require(stats.first?.field("totals"))
        #expect(totals.field("contacted_prospects") == .int(150) && totals.field("delivered") == .int(145))
        // Worked out again from the sums: 5/150, 60/145, 12/145.
        #expect(totals.field("bounced_rate") == .string("3.3%"))
        #expect(totals.field("open_rate") == .string("41.4%") && totals.field("response_rate") == .string("8.3%"))
        #expect(stats.first?.field("mailboxes")?.items.count == 2 && stats.first?.field("steps")?.items.count == 1)
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands("report campaigns --from 2025-13-01", session: api.session)
        }
        // A period starting after today is said of --from, at --from (not of the --to left out).
        let (_, future) = await runCapturing("report campaigns --from 2099-01-01", session: api.session)
        #expect(future?.message.hasPrefix("--from: must not be after today") == true)
        #expect(future?.range == SourceRange(24, 34))
        for command in ["report messages", "report open-rate", "report steps --to yesterday"] {
            let rows = try await runCommands(command + " --interval 1ms", session: api.session)
            #expect(rows.first?.items.first?.field("id") == .int(7), "\(command)")
        }
        #expect(api.urls.contains("http://api.test/rest/v2/reports/open_rate"))
        // The campaign is looked up first: an unknown one is an error before any report is asked for.
        let before = api.urls.count
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands("campaign stats 99 --interval 1ms", session: api.session)
        }
        #expect(Array(api.urls.dropFirst(before)) == ["http://api.test/rest/v2/campaigns/99"])
    }
}
