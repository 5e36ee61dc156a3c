/// The formats results print in: `--output FORMAT`, `to FORMAT` (all but `table`), and what
/// `save FILE` picks by the file's extension. The one list of their names; rendering is
/// `WPSRuntime`'s.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, json, yaml, csv, ndjson

    /// The formats `to` renders as text.
    public static let textFormats = allCases.filter { $0 != .table }

    /// The format a file's extension names (`.csv`, `.yaml`/`.yml`, `.ndjson`/`.jsonl`, `.json`);
    /// nil for any other file (text is written as it is, anything else as JSON).
    public static func forFile(_ path: String) -> OutputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return .yaml }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
        if lower.hasSuffix(".json") { return .json }
        return nil
    }
}
