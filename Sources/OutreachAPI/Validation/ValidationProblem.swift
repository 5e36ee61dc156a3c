/// One broken request rule: the field path and what is wrong.
///
/// ```
/// mailboxes[3].smtp_port: must be in 1…65535
/// steps.followup.delivery_time.MONDAY[1]: overlaps 08:00–12:00
/// ```
public struct ValidationProblem: Sendable, Hashable, CustomStringConvertible, Codable {
    /// The field path in the API's names, e.g. `mailboxes[3].smtp_port`; empty for the whole body.
    public var path: String
    /// What is wrong, phrased to follow the path.
    public var message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
