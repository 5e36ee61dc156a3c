/// What kind of value an argument or flag takes: drives the parser's checks, `help`, and completion.
public indirect enum ValueKind: Sendable, Hashable, CustomStringConvertible {
    case string, integer, number, bool, duration, time, timezone, email, file
    /// A delivery-window notation such as `MON-FRI 08:00-18:00`.
    case window
    case signature, outputFormat
    case campaignID, stepID, versionID, batchID, mailboxID, profile
    /// A prospect's email address (completed from the prospects seen).
    case prospectEmail
    /// A field path or name of the piped value (`status`, `steps.followup.id`).
    case field
    /// A condition, as `where` and `if` take: `failed_mailboxes_count > 0`.
    case condition
    /// A `{ … }` block, as `each` takes.
    case block
    /// Anything.
    case any
    /// A CSV delimiter: `,`, `;` or `tab` (`\t` and a TAB character are read as tab too).
    case delimiter
    case list(ValueKind)
    case choice([String])

    public var description: String {
        switch self {
        case .string: "text"
        case .integer: "integer"
        case .number: "number"
        case .bool: "true|false"
        case .duration: "duration (3d, 13h)"
        case .time: "time (HH:mm)"
        case .timezone: "IANA time zone"
        case .email: "email"
        case .file: "file"
        case .window: "window (MON-FRI 08:00-18:00)"
        case .signature: "SENDER|NO_SIGNATURE"
        case .outputFormat: OutputFormat.allCases.map(\.rawValue).joined(separator: "|")
        case .campaignID: "campaign id"
        case .stepID: "step id"
        case .versionID: "version id or letter"
        case .batchID: "batch id"
        case .mailboxID: "mailbox id"
        case .profile: "profile"
        case .prospectEmail: "prospect email"
        case .field: "field"
        case .condition: "condition"
        case .block: "{ block }"
        case .any: "value"
        case .list(let inner): "list of \(inner)"
        case .choice(let options): options.joined(separator: "|")
        case .delimiter: ", ; or tab"
        }
    }
}
