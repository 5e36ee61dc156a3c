import MCP
import WPSRuntime

/// wps values as MCP's JSON values and back.
enum ValueBridge {
    /// A wps value as JSON (a record's fields in their order).
    static func json(_ value: WPSRuntime.Value) -> MCP.Value {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .list(let items): .array(items.map(json))
        case .record(let record):
            .object(Dictionary(record.map { ($0.key, json($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// Structured content is an object: a record as it is, anything else as `{"result": …}`.
    static func structured(_ value: WPSRuntime.Value) -> MCP.Value {
        if case .record = value { return json(value) }
        return .object(["result": json(value)])
    }
}
