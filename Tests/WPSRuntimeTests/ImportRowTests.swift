import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Collects what a session writes to stderr.
final class Notes: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ text: String) { lock.withLock { stored.append(text) } }
    var text: String { lock.withLock { stored.joined(separator: "\n") } }
}

/// Rows counted as rows (a JSON array on one line holds several), journaled by number, and
/// passwords sent exactly as written — checked in the request bodies wps sends.
@Suite struct ImportRowTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wps-rows-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    func write(_ name: String, _ text: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A session whose every request is answered `body`, its stderr in `notes`.
    func session(
        _ provider: Provider = .woodpecker, body: @escaping @Sendable (Int) -> String, log: RequestLog, notes: Notes
    ) -> Session {
        let client = OutreachClient(
            configuration: .init(
                baseURLs: [.woodpecker: "http://api.test/rest/v2", .saleshandy: "http://api.test/v1"],
                apiKeys: [.woodpecker: "k", .saleshandy: "k"]),
            transport: ClosureTransport { request in
                TransportResponse(
                    status: provider == .woodpecker ? 202 : 201, body: Array(body(await log.add(request)).utf8))
            })
        return Session(client: client, provider: provider, progress: notes.append)
    }

    func mailboxes(_ log: RequestLog) async throws -> [ManualMailbox] {
        try await log.requests.compactMap(\.body).flatMap {
            try JSONCoding.decode(ManualBulkRequest.self, from: $0).mailboxes
        }
    }

    static let header = "email,password,host,port,imap_host,imap_port,imap_password\n"

    @Test func passwordsAreSentExactlyAsWrittenAndOtherFieldsTrimmed() async throws {
        let path = try write(
            "pw.csv",
            Self.header
                + "a@example.com,\" wrong \",smtp.example.com,465,imap.example.com,993,\n"
                + "b@example.com,  Spaced-Pw-1  , smtp.example.com ,465,imap.example.com,993,\"\tImap Pw \"\n"
                + "c@example.com,plain,smtp.example.com,465,imap.example.com,993,\n")
        let log = RequestLog()
        let notes = Notes()
        _ = try await runCommands(
            "mailbox import \(path)", session: session(body: { _ in #"{"batch_id":1}"# }, log: log, notes: notes))
        let sent = try await mailboxes(log)
        #expect(sent.map(\.smtp_password) == [" wrong ", "  Spaced-Pw-1  ", "plain"])
        #expect(sent.map(\.imap_password) == [" wrong ", "\tImap Pw ", "plain"])
        #expect(sent[1].smtp_server == "smtp.example.com")
        // The bytes on the wire hold the spaces.
        let body = try #require(await log.requests.first?.body)
        #expect(
            String(decoding: body, as: UTF8.self).contains(#""smtp_password":"  Spaced-Pw-1  ""#)
                || String(decoding: body, as: UTF8.self).contains(#""smtp_password" : "  Spaced-Pw-1  ""#))
        // Only the unquoted one is warned about, by place, without the password.
        #expect(
            notes.text.contains(
                "warning: \(path):3: smtp_password: spaces before or after the password are sent as written"))
        #expect(!notes.text.contains(":2: smtp_password") && !notes.text.contains(":4: imap_password"))
        #expect(!notes.text.contains("Spaced-Pw-1") && !notes.text.contains("wrong"))
    }

    @Test func aPasswordOfSpacesIsBlankNotLeftOut() async throws {
        // Trimmed, it would have been left out and the SMTP password sent in its place.
        let path = try write(
            "blank.csv", Self.header + "a@example.com,pw,smtp.example.com,465,imap.example.com,993,\"   \"\n")
        let log = RequestLog()
        let notes = Notes()
        do {
            _ = try await runCommands(
                "mailbox import \(path)", session: session(body: { _ in "{}" }, log: log, notes: notes))
            Issue.record("expected an error")
        } catch let error as RuntimeError {
            #expect(error.message.contains("\(path):2: imap_password: must not be blank"))
        }
        #expect(await log.requests.isEmpty)
    }

    @Test func saleshandyPasswordsAreSentAsWritten() async throws {
        let path = try write(
            "sh.csv",
            "smtpEmailAddress,smtpPassword,smtpHost,smtpPort,imapHost,imapPort,imapPassword\n"
                + "a@example.com,\" Sh-Pw \",smtp.example.com,465,imap.example.com,993, Imap-Sh \n")
        let log = RequestLog()
        let notes = Notes()
        let session = session(
            .saleshandy, body: { _ in #"{"message":"ok","payload":{"requestId":"r1"}}"# }, log: log, notes: notes)
        _ = try await runCommands("mailbox import \(path)", session: session)
        let body = try #require(await log.requests.first?.body)
        let accounts = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]])
        #expect(accounts.first?["smtpPassword"] as? String == " Sh-Pw ")
        #expect(accounts.first?["imapPassword"] as? String == " Imap-Sh ")
        #expect(
            notes.text.contains(
                "warning: \(path):2: imapPassword: spaces before or after the password are sent as written"))
        #expect(!notes.text.contains("Sh-Pw") && !notes.text.contains("Imap-Sh"))
    }

    static func json(_ emails: [String]) -> String {
        let objects = emails.map {
            #"{"email":"\#($0)","password":"pw","host":"smtp.example.com","port":465,"#
                + #""imap_host":"imap.example.com","imap_port":993}"#
        }
        return "[" + objects.joined(separator: ",") + "]\n"
    }

    @Test func aJSONArrayOnOneLineIsSeveralRows() async throws {
        let path = try write("one.json", Self.json(["a@example.com", "b@example.com", "c@example.com"]))
        let log = RequestLog()
        let notes = Notes()
        let printed = try await runCommands(
            "mailbox import \(path) --batch-size 2 --parallel 1",
            session: session(body: { #"{"batch_id":\#($0)}"# }, log: log, notes: notes))
        #expect(
            printed == [
                .list([
                    .record([
                        "batch_id": .int(1), "size": .int(2), "first_line": .int(1), "last_line": .int(1),
                        "lines": .string("1[0-1]"), "source": .string(path),
                    ]),
                    .record([
                        "batch_id": .int(2), "size": .int(1), "first_line": .int(1), "last_line": .int(1),
                        "lines": .string("1[2]"), "source": .string(path),
                    ]),
                ])
            ])
        #expect(try await mailboxes(log).map(\.smtp_email) == ["a@example.com", "b@example.com", "c@example.com"])
        #expect(notes.text.contains("3 of 3 rows accepted, 2 batches sent"))
    }

    @Test func aResumeOfAOneLineArraySendsOnlyTheRowsNeverAccepted() async throws {
        let path = try write("resume.json", Self.json((0..<5).map { "r\($0)@example.com" }))
        let journal = try write(
            "resume.journal", "# wps import journal v2 resume.json\nsending 1-2\naccepted 7 1-2\nsending 3-4\n")
        let log = RequestLog()
        let notes = Notes()
        let printed = try await runCommands(
            "mailbox import \(path) --batch-size 2 --parallel 1 --journal \(journal)",
            session: session(body: { #"{"batch_id":\#(10 + $0)}"# }, log: log, notes: notes))
        // Rows 3-4 were sent without an answer: sent again (the API would name their batch), then row 5.
        #expect(try await mailboxes(log).map(\.smtp_email) == ["r2@example.com", "r3@example.com", "r4@example.com"])
        #expect(
            printed.first?.items.compactMap { if case .record(let r) = $0 { r["lines"]?.text } else { nil } } == [
                "1[0-1]", "1[2-3]", "1[4]",
            ])
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(
            text.contains("\naccepted 11 3-4\n") && text.contains("\naccepted 12 5\n") && text.hasSuffix("\nfinished\n")
        )
    }

    @Test func aVersionOneJournalOfLinesIsReadAsTheRowsOnThem() async throws {
        var csv = Self.header
        for index in 0..<5 { csv += "v\(index)@example.com,pw,smtp.example.com,465,imap.example.com,993,\n" }
        let path = try write("v1.csv", csv)
        // Version 1 recorded lines: lines 2-3 are rows 1-2.
        let journal = try write(
            "v1.journal", "# wps import journal v1 v1.csv sha256:x profile:p\nsending 2-3\naccepted 7 2-3\n")
        let log = RequestLog()
        let notes = Notes()
        let printed = try await runCommands(
            "mailbox import \(path) --journal \(journal)",
            session: session(body: { _ in #"{"batch_id":8}"# }, log: log, notes: notes))
        #expect(try await mailboxes(log).map(\.smtp_email) == ["v2@example.com", "v3@example.com", "v4@example.com"])
        #expect(
            printed.first?.items.compactMap { if case .record(let r) = $0 { r["lines"]?.text } else { nil } } == [
                "2-3", "4-6",
            ])
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(
            text.hasPrefix("# wps import journal v2 ") && text.contains("\naccepted 7 1-2\n")
                && text.hasSuffix("accepted 8 3-5\nfinished\n"))
    }

    @Test func everyRecordOfABatchCountsForTheReport() {
        let records: [Value] = [
            .record(["batch_id": .int(5), "lines": .string("2-3"), "source": .string("r2.csv")]),
            .record(["batch_id": .int(5), "lines": .string("4"), "source": .string("r2.csv")]),
            .record([
                "batch_id": .int(6), "lines": .string("1[0-1]"), "source": .string("<stdin>"),
                "emails": .list([.string("x@example.com"), .string("y@example.com")]),
            ]),
        ]
        let (ids, origins, _, _, _) = BatchWatcher.parse(records, idKey: "batch_id")
        #expect(ids == ["5", "6"])
        #expect(origins["5"]?.map(\.places.description) == ["2-3", "4"])
        let boxes = BatchWatcher.mailboxes(of: origins["6"] ?? [], target: ManualMailboxTarget())
        #expect(boxes.first?.map { "\($0.place) \($0.email)" } == ["1[0] x@example.com", "1[1] y@example.com"])
    }

    @Test func placesAreWrittenAndReadBack() throws {
        var places = RowPlaces()
        for place in [
            RowPlace(line: 2), RowPlace(line: 3), RowPlace(line: 5), RowPlace(line: 7, index: 3),
            RowPlace(line: 7, index: 4),
            RowPlace(line: 8, index: 5), RowPlace(line: 8, index: 6),
        ] {
            places.append(place)
        }
        #expect(places.count == 7 && places.place(of: 6) == RowPlace(line: 8, index: 5) && places.place(of: 8) == nil)
        #expect(places.describe(LineSet(1...7)) == "2-3,5,7[3-4],8[5-6]")
        #expect(places.describe(LineSet([1, 4, 7])) == "2,7[3],8[6]")
        #expect(places.rows(onLines: LineSet([3, 7])).description == "2,4-5")
        let set = try #require(RowPlaceSet(parsing: "2-3,5,7[3-4],8[5-6]"))
        #expect(set.description == "2-3,5,7[3-4],8[5-6]" && set.places.count == 7)
        #expect(
            set.contains(RowPlace(line: 7, index: 4)) && !set.contains(RowPlace(line: 7))
                && !set.contains(RowPlace(line: 4)))
        #expect(RowPlaceSet(parsing: "1[]") == nil && RowPlaceSet(parsing: "x") == nil)
    }
}
