import WPSLanguage

extension OutputFormat {
    /// The value as text in this format: pretty JSON, one JSON line per item (NDJSON), CSV, YAML,
    /// or a table within `width` columns (nil: no limit). CSV and YAML throw for a value they
    /// cannot hold (nested lists in a CSV cell).
    public func render(_ value: Value, width: Int? = nil) throws -> String {
        switch self {
        case .table: TableRenderer(width: width).render(value)
        case .json: JSONRenderer(pretty: true).render(value)
        case .ndjson: value.items.map { JSONRenderer().render($0) }.joined(separator: "\n")
        case .csv: try CSVRenderer().render(value)
        case .yaml: try YAMLRenderer().render(value)
        }
    }
}
