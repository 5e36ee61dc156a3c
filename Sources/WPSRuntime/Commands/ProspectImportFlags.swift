import WPSLanguage

/// The flags every provider's `prospect import` takes, declared once so the merged command reads
/// them the same way whichever provider runs it.
enum ProspectImportFlags {
    static let batchSize = Flag<Int>(
        "batch-size", "prospects per request (from 1 up to the provider's limit, which is the default)")
    static let report = Flag<String>(
        "report", .file, "write each row's outcome to a CSV file (line, email, outcome, code, message)")
    static let allowRejected = Flag<Bool>("allow-rejected", "exit 0 even when the API rejected some rows")
}
