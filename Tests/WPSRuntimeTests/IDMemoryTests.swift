import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// The memory of ids is fed from what commands return: campaigns with their steps, batches.
@Suite struct IDMemoryTests {
    static let campaign: Value = .record([
        "id": .int(777001), "name": .string("Q4"), "status": .string("DRAFT"),
        "steps": .record([
            "id": .string("s0"), "type": .string("START"),
            "followup": .record(["id": .string("s1"), "followup": .record(["id": .string("s2")])]),
        ]),
    ])

    @Test func aCampaignsStepsAreRememberedWithTheirPlaces() throws {
        var memory = IDMemory()
        memory.remember(Self.campaign)
        #expect(memory.seenIDs[.stepID] == ["s0", "s1", "s2"])
        #expect(memory.seenIDs[.campaignID] == ["777001"])
        #expect(memory.labels["777001"] == "Q4, DRAFT")
        #expect(memory.labels["s0"] == "START of Q4")
        #expect(memory.labels["s2"] == "step 2 of Q4")
        #expect(try memory.campaignID(forStep: "s1", given: nil, at: nil) == 777001)
        #expect(try memory.campaignID(forStep: "x", given: 5, at: nil) == 5)
        #expect(throws: RuntimeError.self) { try memory.campaignID(forStep: "x", given: nil, at: nil) }
    }

    @Test func whatTheListCommandsShowIsOfferedToo() {
        var memory = IDMemory()
        // campaign list: id, name, status (no steps).
        memory.remember(
            .list([
                .record(["id": .int(777002), "name": .string("Agencies"), "status": .string("RUNNING")]),
                .record(["id": .int(777003), "name": .string("Retail"), "status": .string("DRAFT")]),
            ]))
        // mailbox list: id, type, details.email.
        memory.remember(
            .list([
                .record([
                    "id": .int(123001), "type": .string("SMTP"),
                    "details": .record(["email": .string("ann@demo.example.com")]),
                ])
            ]))
        // prospect list: id, email, status.
        memory.remember(
            .list([.record(["id": .int(5001), "email": .string("lead@acme.com"), "status": .string("ACTIVE")])]))
        #expect(memory.seenIDs[.campaignID] == ["777002", "777003"])
        #expect(memory.labels["777002"] == "Agencies, RUNNING")
        #expect(memory.seenIDs[.mailboxID] == ["123001"])
        #expect(memory.labels["123001"] == "ann@demo.example.com (SMTP)")
        #expect(memory.seenIDs[.prospectEmail] == ["lead@acme.com"])
    }

    @Test func batchesAreRememberedOnceWithTheirSizeAndSource() {
        var memory = IDMemory()
        memory.remember(.record(["batch_id": .int(1002), "size": .int(1)]))
        memory.remember(
            .list([
                .record(["batch_id": .int(1003), "size": .int(200), "source": .string("boxes.csv")]),
                .record(["batch_id": .null, "size": .int(3), "status": .string("already connected")]),
                .record(["request_id": .string("129a184"), "size": .int(2)]),
            ]))
        memory.remember(.record(["batch_id": .int(1002), "size": .int(1)]))
        #expect(memory.seenIDs[.batchID] == ["1002", "1003", "129a184"])
        #expect(memory.labels["1002"] == "1 mailbox")
        #expect(memory.labels["1003"] == "200 mailboxes from boxes.csv")
        #expect(memory.labels["129a184"] == "2 mailboxes")
    }

    /// The interpreter's one post-command hook feeds it, at every stage of a pipeline: no
    /// command remembers by hand.
    @Test func theInterpreterFeedsItFromEachCommandsResult() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("OutreachAPITests/Fixtures/woodpecker-campaign-response.json")
        let body = try Data(contentsOf: fixture)
        let session = session(answer: { _, _ in TransportResponse(status: 200, body: Array(body)) }, log: RequestLog())
        var interpreter = Interpreter(session: session) { _ in }
        #expect(interpreter.session?.memory.seenIDs[ValueKind.stepID] == [String]())
        try await interpreter.run(
            Parser.parse(SourceFile(name: "t.wps", text: "campaign get 777777 | get name")).script)
        #expect(interpreter.session?.memory.labels["777777"] == "Example campaign created via APIv2, DRAFT")
        #expect(
            interpreter.session?.memory.labels["4dbd7af6-682b-4348-9950-77098baa9522"]
                == "step 1 of Example campaign created via APIv2")
        #expect(
            try interpreter.session?.memory.campaignID(
                forStep: "286f0242-00d6-4572-a4be-e4414ac589ed", given: nil, at: nil) == 777777)
    }
}
