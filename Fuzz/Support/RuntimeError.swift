/// Stands in for WPSRuntime's `RuntimeError` when the CSV import reader is compiled alone for
/// fuzzing (the real one carries a source range from WPSLanguage; the reader uses only the message).
public struct RuntimeError: Error {
    public var message: String
    public init(_ message: String) { self.message = message }
}
