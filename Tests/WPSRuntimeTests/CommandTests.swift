import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Records requests and answers a scripted body for each.
actor RequestLog {
    var requests: [PreparedRequest] = []
    func add(_ request: PreparedRequest) -> Int {
        requests.append(request)
        return requests.count
    }
}

func session(answer: @escaping @Sendable (PreparedRequest, Int) -> TransportResponse, log: RequestLog) -> Session {
    let client = OutreachClient(
        configuration: .init(baseURLs: [.woodpecker: "http://api.test/rest/v2"], apiKeys: [.woodpecker: "k"]),
        transport: ClosureTransport { request in answer(request, await log.add(request)) })
    return Session(client: client)
}

/// The progress lines a session wrote, for tests that read them (or act on one).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var written: [String] = []
    func add(_ line: String) { lock.withLock { written.append(line) } }
    var lines: [String] { lock.withLock { written } }
}

func runCommands(_ text: String, session: Session) async throws -> [Value] {
    let printed = Printed()
    var interpreter = Interpreter(session: session) { printed.values.append($0) }
    let parsed = Parser.parse(SourceFile(name: "t.wps", text: text))
    #expect(parsed.diagnostics == [])
    try await interpreter.run(parsed.script)
    return printed.values
}

@Suite struct CommandTests {
    @Test func windowNotationCompilesToDeliveryTime() throws {
        let time = try WindowNotation.parse("MON-WED 08:00-12:00,13:00-18:00; SAT,SUN all-day")
        #expect(time[.monday] == [TimeWindow(from: "08:00", to: "12:00"), TimeWindow(from: "13:00", to: "18:00")])
        #expect(time[.wednesday]?.count == 2)
        #expect(time[.thursday] == nil)
        #expect(time[.sunday] == [TimeWindow(from: "00:00", to: "00:00")])
        #expect(throws: TextProblem("unknown day 'FUN': use MON TUE WED THU FRI SAT SUN", offset: 0, length: 3)) {
            try WindowNotation.parse("FUN 08:00-09:00")
        }
        #expect(
            throws: TextProblem(
                "window time '8-9': write H:mm-H:mm, e.g. 08:00-18:00 or 9:00-17:00", offset: 4, length: 3)
        ) {
            try WindowNotation.parse("MON 8-9")
        }
        // A one-digit hour, as people write it, is the API's HH:mm.
        #expect(try WindowNotation.parse("MON-FRI 9:00-17:00")[.monday] == [TimeWindow(from: "09:00", to: "17:00")])
        #expect(throws: TextProblem("day range 'FRI-MON' must run forward, e.g. MON-FRI", offset: 0, length: 7)) {
            try WindowNotation.parse("FRI-MON 08:00-09:00")
        }
    }

    @Test func importChecksEveryRowBeforeSendingAnything() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try """
        email,password,host,port,imap_email,imap_password,imap_server,imap_port
        a@example.com,pw,smtp.example.com,465,a@example.com,pw,imap.example.com,993
        b@example.com,pw,smtp.example.com,70000,b@example.com,pw,imap.example.com,993
        c@example,pw,smtp.example.com,465,c@example.com,pw,,993
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let log = RequestLog()
        let session = session(
            answer: { _, _ in TransportResponse(status: 202, body: Array(#"{"batch_id":1}"#.utf8)) }, log: log)
        do {
            _ = try await runCommands("mailbox import \(file)", session: session)
            Issue.record("expected the import to stop")
        } catch let error as RuntimeError {
            #expect(error.exitCode == 2)
            #expect(error.message.contains("\(file):3: smtp_port: must be in 1…65535, got 70000"))
            #expect(error.message.contains("\(file):4: smtp_email: must be a valid email address"))
            #expect(error.message.contains("\(file):4: imap_server: must be provided"))
            #expect(error.message.contains("nothing was sent"))
        }
        #expect(await log.requests.isEmpty)
    }

    @Test func importSendsBatchesOfAtMostTheBatchSize() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var csv = "smtp_email,smtp_password,smtp_server,smtp_port,imap_email,imap_password,imap_server,imap_port\n"
        for index in 0..<450 {
            csv += "u\(index)@example.com,pw,smtp.example.com,465,u\(index)@example.com,pw,imap.example.com,993\n"
        }
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let log = RequestLog()
        let session = session(
            answer: { _, count in TransportResponse(status: 202, body: Array(#"{"batch_id":\#(count)}"#.utf8)) },
            log: log)
        let printed = try await runCommands("mailbox import \(file) --parallel 1", session: session)
        #expect(
            printed == [
                .list([
                    .record([
                        "batch_id": .int(1), "size": .int(200), "first_line": .int(2), "last_line": .int(201),
                        "lines": .string("2-201"), "source": .string(file),
                    ]),
                    .record([
                        "batch_id": .int(2), "size": .int(200), "first_line": .int(202), "last_line": .int(401),
                        "lines": .string("202-401"), "source": .string(file),
                    ]),
                    .record([
                        "batch_id": .int(3), "size": .int(50), "first_line": .int(402), "last_line": .int(451),
                        "lines": .string("402-451"), "source": .string(file),
                    ]),
                ])
            ])
        let bodies = await log.requests.compactMap(\.body)
        #expect(bodies.count == 3)
        let first = try JSONCoding.decode(ManualBulkRequest.self, from: bodies[0])
        #expect(first.mailboxes.count == 200 && first.mailboxes[0].smtp_port == 465)
    }

    @Test func campaignNewPairsSubjectsAndMessagesIntoVersions() async throws {
        let log = RequestLog()
        let campaign =
            #"{"id":9,"name":"Q4","status":"DRAFT","email_account_ids":[1],"settings":{"timezone":"UTC","daily_enroll":5},"steps":{"id":"s","type":"START","followup":null}}"#
        let session = session(answer: { _, _ in TransportResponse(status: 201, body: Array(campaign.utf8)) }, log: log)
        _ = try await runCommands(
            #"campaign new Q4 --accounts 1,2 --timezone UTC --daily-enroll 5 --subject A --message "<p>a</p>" --subject B --message "<p>b</p>" --signature NO_SIGNATURE --track-opens --window "TUE 10:00-11:00""#,
            session: session)
        let body = try #require(await log.requests.first?.body)
        let draft = try JSONCoding.decode(CampaignDraft.self, from: body)
        #expect(draft.email_account_ids == [1, 2])
        #expect(draft.settings?.daily_enroll == 5)
        let versions = try #require(draft.steps?.followup?.body?.versions)
        #expect(versions.map(\.subject) == ["A", "B"])
        #expect(versions.map(\.message) == ["<p>a</p>", "<p>b</p>"])
        #expect(versions.allSatisfy { $0.signature == .noSignature && $0.track_opens == true })
        #expect(draft.steps?.followup?.delivery_time?[.tuesday] == [TimeWindow(from: "10:00", to: "11:00")])
        #expect(draft.name == "Q4")
        // Without NAME the request has none: the API's default name applies.
        _ = try await runCommands(
            "campaign new --accounts 1 --timezone UTC --daily-enroll 5 --subject A --message a", session: session)
        let unnamed = try #require(await log.requests.last?.body)
        #expect(try JSONCoding.decode(CampaignDraft.self, from: unnamed).name == nil)
        #expect(String(decoding: unnamed, as: UTF8.self).contains("\"name\"") == false)
    }

    /// Without `--after`, the campaign is read and the step goes after its last step: the only
    /// place the API allows one.
    @Test func stepAddWithoutAfterFollowsTheLastStep() async throws {
        let log = RequestLog()
        let campaign =
            #"{"id":9,"name":"Q4","status":"DRAFT","email_account_ids":[1],"settings":{"timezone":"UTC","daily_enroll":5},"#
            + #""steps":{"id":"9e8e8ebb-c9e1-4b8f-be37-a5542513dbee","type":"START","followup":{"id":"1e8e8ebb-c9e1-4b8f-be37-a5542513dbee","type":"EMAIL","#
            + #""body":{"versions":[{"message":"a"}]},"followup":{"id":"0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5","type":"EMAIL","#
            + #""body":{"versions":[{"message":"b"}]},"followup":null}}}}"#
        let session = session(answer: { _, _ in TransportResponse(status: 200, body: Array(campaign.utf8)) }, log: log)
        _ = try await runCommands(#"step add --campaign 9 --message "<p>c</p>" --wait 2d"#, session: session)
        let requests = await log.requests
        #expect(requests.map(\.endpoint) == ["GET campaigns/9", "POST campaigns/9/steps"])
        let body = try #require(requests.last?.body)
        let added = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(added["parent_id"] as? String == "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5")
        #expect(requests.last?.url.hasSuffix("/campaigns/9/steps") == true)
        // --after still works, and sends nothing but the step.
        _ = try await runCommands(
            #"step add --after 0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5 --campaign 9 --message "<p>d</p>""#,
            session: session)
        #expect(await log.requests.count == 3)
        // Neither flag: which campaign is asked, before anything is sent.
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands("step add --message hi", session: session)
        }
        #expect(await log.requests.count == 3)
    }

    @Test func stepAddNeedsToKnowTheCampaign() async throws {
        let session = session(answer: { _, _ in TransportResponse(status: 200) }, log: RequestLog())
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands(
                "step add --after 9e8e8ebb-c9e1-4b8f-be37-a5542513dbee --message hi", session: session)
        }
    }
}

@Suite struct SecretFileTests {
    /// `--password @FILE` sends the file's text less exactly one final newline, as `$(cat FILE)`.
    @Test func aPasswordFileLosesExactlyOneFinalNewline() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wps-pw-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (content, sent) in [
            ("s3cret\n", "s3cret"), ("s3cret\n\n", "s3cret\n"), ("s3cret", "s3cret"), (" s3 \r\n", " s3 "),
        ] {
            let path = directory + "/pw.txt"
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            let log = RequestLog()
            let session = session(
                answer: { _, _ in TransportResponse(status: 202, body: Array(#"{"batch_id":1}"#.utf8)) }, log: log)
            _ = try await runCommands(
                "mailbox add --email a@example.com --password @\(path) --smtp-server s.example.com --smtp-port 465 "
                    + "--imap-server i.example.com --imap-port 993", session: session)
            let body = try #require(await log.requests.first?.body)
            let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            let mailbox = try #require((object["mailboxes"] as? [[String: Any]])?.first)
            #expect(mailbox["smtp_password"] as? String == sent, "\(content.debugDescription)")
            #expect(mailbox["imap_password"] as? String == sent)
        }
    }

    @Test func aMissingPasswordFileIsNamedWithoutItsValue() async throws {
        let log = RequestLog()
        let session = session(answer: { _, _ in TransportResponse(status: 202, body: []) }, log: log)
        await #expect(throws: RuntimeError.self) {
            _ = try await runCommands(
                "mailbox add --email a@example.com --password @Summer2024x --smtp-server s --smtp-port 465 --imap-server i --imap-port 993",
                session: session)
        }
        do {
            _ = try await runCommands(
                "mailbox add --email a@example.com --password @Summer2024x --smtp-server s --smtp-port 465 --imap-server i --imap-port 993",
                session: session)
        } catch let error as RuntimeError {
            #expect(!error.message.contains("Summer2024x"))
            #expect(error.message.contains("cannot read the file named after '@'"))
        }
        #expect(await log.requests.isEmpty)
    }
}
