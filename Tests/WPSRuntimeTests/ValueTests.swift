import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

@Suite struct ValueTests {
    @Test func encoderKeepsTheDocumentedFieldOrder() throws {
        let summary = BatchSummary(
            processing_finished: true, batch_size: 2, pending_mailboxes_count: 0, connected_mailboxes_count: 1,
            conditionally_connected_mailboxes_count: 0, conditionally_connected_mailboxes: [],
            failed_mailboxes: [
                .init(
                    connection_request_id: 7, smtp_email: "a@example.com", smtp_login: nil, imap_email: "a@example.com",
                    error_message: "no")
            ])
        let value = try ValueEncoder().encode(summary)
        guard case .record(let record) = value else {
            Issue.record("not a record")
            return
        }
        #expect(
            record.keys == [
                "processing_finished", "batch_size", "pending_mailboxes_count", "connected_mailboxes_count",
                "conditionally_connected_mailboxes_count", "conditionally_connected_mailboxes", "failed_mailboxes",
            ])
        #expect(try value.get([.field("failed_mailboxes"), .index(0), .field("smtp_login")]) == .null)
        #expect(
            JSONRenderer().render(value)
                == #"{"processing_finished":true,"batch_size":2,"pending_mailboxes_count":0,"connected_mailboxes_count":1,"conditionally_connected_mailboxes_count":0,"conditionally_connected_mailboxes":[],"failed_mailboxes":[{"connection_request_id":7,"smtp_email":"a@example.com","smtp_login":null,"imap_email":"a@example.com","error_message":"no"}]}"#
        )
    }

    @Test func encoderHandlesTheRecursiveStepTree() throws {
        let step = Step.start(
            Step.email(
                versions: [EmailVersion(subject: nil, message: "m", signature: .sender, track_opens: true)],
                deliveryTime: DeliveryTime([.friday: [TimeWindow(from: "08:00", to: "18:00")]])), id: "s")
        let value = try ValueEncoder().encode(step)
        #expect(
            try value.get([.field("followup"), .field("body"), .field("versions"), .index(0), .field("signature")])
                == .string("SENDER"))
        #expect(
            try value.get([.field("followup"), .field("delivery_time"), .field("FRIDAY"), .index(0), .field("to")])
                == .string("18:00"))
        #expect(try value.get([.field("followup"), .field("followup")]) == .null)
    }

    /// A hand-written `encode(to:)` exercising what synthesized code rarely does: a key written
    /// twice (the last wins, in the first one's place), nested containers, the unkeyed count,
    /// leaves through the generic path (`Int8`, `Float`, an optional) and `nil`.
    struct Unusual: Encodable {
        enum Key: String, CodingKey { case a, b, c, list, nested }
        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: Key.self)
            try keyed.encode("first", forKey: .a)
            try keyed.encode(Int8(7), forKey: .b)
            try keyed.encode("second", forKey: .a)
            try keyed.encodeNil(forKey: .c)
            var list = keyed.nestedUnkeyedContainer(forKey: .list)
            try list.encode(Float(1.5))
            try list.encode(Optional<Int>.none)
            try list.encode(true)
            #expect(list.count == 3)
            var nested = keyed.nestedContainer(keyedBy: Key.self, forKey: .nested)
            try nested.encode(2.5, forKey: .a)
        }
    }

    @Test func encoderHandlesRepeatedKeysNestingAndGenericLeaves() throws {
        let value = try ValueEncoder().encode(Unusual())
        #expect(
            JSONRenderer().render(value) == #"{"a":"second","b":7,"c":null,"list":[1.5,null,true],"nested":{"a":2.5}}"#)
        #expect(try ValueEncoder().encode([1, 2]) == .list([.int(1), .int(2)]))
        #expect(try ValueEncoder().encode("x") == .string("x"))
    }

    @Test func jsonEscapesOnlyWhatItMust() {
        let value: Value = .list([.string("plain ü ✓"), .string("tab\there \u{1} \\ \"q\"")])
        #expect(JSONRenderer().render(value) == #"["plain ü ✓","tab\there \u0001 \\ \"q\""]"#)
    }

    @Test func prettyJSONIsStable() {
        let value: Value = .record([
            "name": .string("Zoë \"Q4\"\n"), "ids": .list([.int(1), .double(2.5), .double(3)]), "empty": .list([]),
            "none": .null,
        ])
        #expect(
            JSONRenderer(pretty: true).render(value) == """
                {
                  "name": "Zoë \\"Q4\\"\\n",
                  "ids": [
                    1,
                    2.5,
                    3.0
                  ],
                  "empty": [],
                  "none": null
                }
                """)
    }

    @Test func pathErrorsSayWhatWentWrong() throws {
        let value: Value = .record([
            "steps": .record(["followup": .record(["id": .string("x")])]), "ids": .list([.int(1)]),
        ])
        #expect(throws: RuntimeError("no field 'stpes' in the record — did you mean 'steps'?")) {
            try value.get([.field("stpes")])
        }
        #expect(throws: RuntimeError("index 3 out of range (the list has 1 item)")) {
            try value.get([.field("ids"), .index(3)])
        }
        #expect(throws: RuntimeError("cannot take .id of a int (ids[0])")) {
            try value.get([.field("ids"), .index(0), .field("id")])
        }
        let last = try value.get([.field("ids"), .index(-1)])
        #expect(last == .int(1))
    }

    @Test func wordsComparisonsAndTruth() {
        #expect(Value.word("50") == .int(50))
        #expect(Value.word("2.5") == .double(2.5))
        #expect(Value.word("true") == .bool(true))
        #expect(Value.word("08:00") == .string("08:00"))
        #expect(Value.word("Europe/Berlin") == .string("Europe/Berlin"))
        #expect(Value.languageEquals(.int(1), .double(1)))
        #expect(Value.compare(.string("a"), .string("b")) == -1)
        #expect(Value.compare(.string("a"), .int(1)) == nil)
        #expect(!Value.list([]).isTruthy && Value.string("x").isTruthy && !Value.null.isTruthy)
    }
}
