import Testing

@testable import WPSRuntime

/// A small nested record (what `select id details.email details.daily_limit` keeps) shows as a
/// column per nested field; a bigger one stays one column, shown by what names it.
@Suite struct TableColumnTests {
    func mailbox(_ id: Int, _ email: String, _ limit: Value) -> Value {
        .record(["id": .int(id), "details": .record(["email": .string(email), "daily_limit": limit])])
    }

    @Test func aSmallNestedRecordBecomesDottedColumns() {
        let table = TableRenderer().render(.list([mailbox(1, "a@x.co", .int(50)), mailbox(2, "b@x.co", .null)]))
        #expect(
            table == """
                id  details.email  details.daily_limit
                ──  ─────────────  ───────────────────
                 1  a@x.co                          50
                 2  b@x.co
                """)
    }

    @Test func aBigNestedRecordStaysOneColumnNamedByItsEmail() {
        let details: Value = .record(["email": .string("a@x.co"), "a": .int(1), "b": .int(2), "c": .int(3)])
        let table = TableRenderer().render(.list([.record(["id": .int(1), "details": details])]))
        #expect(table == "id  details\n──  ───────\n 1  a@x.co")
    }

    @Test func aFieldThatIsSometimesNotARecordStaysOneColumn() {
        let rows: Value = .list([
            .record(["id": .int(1), "x": .record(["a": .int(1)])]),
            .record(["id": .int(2), "x": .string("text")]),
        ])
        #expect(TableRenderer().render(rows) == "id  x\n──  ─────────\n 1  {1 field}\n 2  text")
    }
}
