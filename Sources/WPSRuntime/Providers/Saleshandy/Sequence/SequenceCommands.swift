import OutreachAPI
import WPSLanguage

/// What the `sequence …` commands share: the sequence id argument and how results look.
enum SequenceCommands {
    /// A sequence id (`sq7Kd2mPq1`), or a record with one (`sequence list | first`).
    static let id = Positional<Value>("id", .string, what: "the sequence ID", read: .value)

    /// The id `value` gives: its text, or a record's `id`.
    static func text(_ value: Value) -> String {
        if case .record(let record) = value, let id = record["id"] { return id.text }
        return value.text
    }

    /// A step as wps shows it: its channel by name, its day, its variants' payloads.
    static func stepValue(_ step: SaleshandyStep) throws -> Value {
        guard case .record(var record) = try ValueEncoder().encode(step) else { return .null }
        record["channel"] = .string(SaleshandyChannel(rawValue: step.type)?.name ?? String(step.type))
        return .record(record)
    }
}
