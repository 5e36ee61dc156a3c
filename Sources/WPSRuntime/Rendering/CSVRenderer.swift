import CSV
import Foundation

/// Renders a list of records as CSV (RFC 4180 quoting by CSV.swift): the header is every key in
/// first-seen order; nulls are empty; nested lists and records are compact JSON.
public struct CSVRenderer: Sendable {
    public init() {}

    public func render(_ value: Value) throws -> String {
        let items = value.items
        var columns: [String] = []
        for case .record(let record) in items {
            for key in record.keys where !columns.contains(key) { columns.append(key) }
        }
        let writer = try CSVWriter(stream: .toMemory())
        if columns.isEmpty {
            for item in items { try writer.write(row: [Self.field(item)]) }
        } else {
            try writer.write(row: columns)
            for item in items {
                guard case .record(let record) = item else {
                    try writer.write(row: [Self.field(item)])
                    continue
                }
                try writer.write(row: columns.map { Self.field(record[$0] ?? .null) })
            }
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func field(_ value: Value) -> String {
        switch value {
        case .null: ""
        case .list, .record: JSONRenderer().render(value)
        default: value.text
        }
    }
}
