import Testing
import WPSLanguage

@testable import WPSRuntime

/// What a person reads on a terminal: lists in cells show their items, records of tables print
/// as sections, and a table wider than the terminal never shows two headers that read the same.
@Suite struct TableLayoutTests {
    /// A batch summary as `batch watch` returns it: long field names, lists of records.
    func summary(_ id: Int, failed: [String]) -> Value {
        .record([
            "batch_id": .int(id), "processing_finished": .bool(true), "batch_size": .int(5),
            "pending_mailboxes_count": .int(0), "connected_mailboxes_count": .int(2),
            "conditionally_connected_mailboxes_count": .int(1),
            "conditionally_connected_mailboxes": .list([
                .record(["connection_request_id": .int(1), "smtp_email": .string("gail@example.com")])
            ]),
            "failed_mailboxes": .list(
                failed.map { .record(["connection_request_id": .int(2), "smtp_email": .string($0)]) }),
            "failed_mailboxes_count": .int(failed.count),
        ])
    }

    /// The headers a table shows, joined across the lines they are broken onto.
    func headers(_ table: String) -> [String] {
        let lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("─") }) else { return [] }
        // Column spans from the rule line.
        var spans: [Range<Int>] = []
        var start: Int?
        let ruleCharacters = Array(lines[rule])
        for (index, character) in ruleCharacters.enumerated() {
            if character == "─", start == nil { start = index }
            if character != "─", let begun = start {
                spans.append(begun..<index)
                start = nil
            }
        }
        if let begun = start { spans.append(begun..<ruleCharacters.count) }
        return spans.map { span in
            lines[..<rule].map { line -> String in
                let characters = Array(line)
                guard span.lowerBound < characters.count else { return "" }
                return String(characters[span.lowerBound..<min(span.upperBound, characters.count)])
                    .trimmingCharacters(in: .whitespaces)
            }.joined()
        }
    }

    @Test func aListInACellShowsItsItems() {
        let rows: Value = .list([summary(1002, failed: ["hugo@example.com", "ines@example.com"])])
        let text = TableRenderer().render(rows)
        #expect(text.contains("hugo@example.com, ines@example.com"))
        #expect(text.contains("gail@example.com"))
        #expect(!text.contains("items]"))
    }

    @Test func aListCutToItsColumnCountsWhatDoesNotFit() {
        let renderer = TableRenderer()
        let list: Value = .list([.string("ann@x.co"), .string("bob@x.co"), .string("cyd@x.co")])
        #expect(renderer.cell(list, width: 40) == "ann@x.co, bob@x.co, cyd@x.co")
        #expect(renderer.cell(list, width: 22) == "ann@x.co, bob@x.co, +1")
        #expect(renderer.cell(list, width: 12) == "ann@x.co, +2")
        #expect(renderer.cell(list, width: 9) == "ann@x… +2")
        #expect(renderer.cell(list, width: 6) == "3 ite…")
        #expect(renderer.cell(.list([]), width: 6) == "")
    }

    @Test(arguments: [60, 120])
    func aWideTableNeverRepeatsACutHeader(width: Int) {
        let rows: Value = .list([summary(1002, failed: ["hugo@example.com"]), summary(1003, failed: [])])
        let text = TableRenderer(width: width).render(rows)
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= width, "\(line)") }
        for table in text.components(separatedBy: "\n\n") {
            let shown = headers(table)
            #expect(Set(shown).count == shown.count, "\(shown)")
            #expect(!shown.contains { $0.contains("…") }, "no header is cut: \(text)")
        }
        #expect(text.contains("conditionally_connected_mailboxes_count") || text.contains("conditionally_"))
    }

    @Test func headersBreakAtUnderscoresBeforeCellsAreCut() {
        let rows: Value = .list([summary(1002, failed: ["hugo@example.com"])])
        let text = TableRenderer(width: 120).render(rows)
        #expect(headers(text).contains("conditionally_connected_mailboxes_count"), "\(text)")
        #expect(headers(text).first == "batch_id")
    }

    @Test func aTableThatCannotFitIsTurnedRoundOrPrintedARecordAtATime() {
        let turned = TableRenderer(width: 60).render(.list([summary(1002, failed: ["hugo@example.com"])]))
        #expect(turned.hasPrefix("batch_id"))
        #expect(turned.contains("\nconditionally_connected_mailboxes_count "))
        let many = TableRenderer(width: 60).render(.list((0..<4).map { summary(1000 + $0, failed: []) }))
        #expect(many.components(separatedBy: "\n\n").count == 4)
        #expect(many.components(separatedBy: "\nbatch_id ").count == 5, "\(many)")
    }

    @Test(arguments: [60, 120])
    func aRecordOfTablesPrintsAsSections(width: Int) {
        let row: (String, Int) -> Value = { email, sent in
            .record(["sent_from": .string(email), "contacted_prospects": .int(sent), "open_rate": .string("5.0%")])
        }
        let stats: Value = .record([
            "id": .int(777001), "name": .string("Q4"),
            "totals": .record(["contacted_prospects": .int(7), "open_rate": .string("5.0%")]),
            "mailboxes": .list([row("ann@demo.example.com", 3), row("bob@demo.example.com", 4)]),
            "steps": .list([]),
        ])
        let text = TableRenderer(width: width).render(stats)
        let sections = text.components(separatedBy: "\n\n")
        #expect(sections.count == 4, "\(text)")
        #expect(sections[0].hasPrefix("field  value\n") && sections[0].contains("\nname   Q4"))
        #expect(sections[1].hasPrefix("totals\nfield ") && sections[1].contains("\ncontacted_prospects  7"))
        #expect(sections[2].hasPrefix("mailboxes\nsent_from             contacted_prospects  open_rate\n"), "\(text)")
        #expect(sections[2].contains("\nann@demo.example.com                    3  5.0%"))
        #expect(sections[3] == "steps\n(empty)")
        #expect(!text.contains("├─"))
    }

    @Test func aDeeperRecordStillDrawsAsATree() {
        let campaign: Value = .record([
            "id": .int(7),
            "steps": .record(["type": .string("START"), "followup": .record(["type": .string("EMAIL")])]),
        ])
        #expect(TableRenderer().render(campaign).contains("└─ followup"))
    }
}
