import CSV
import Foundation

/// `batch watch --report FILE.csv`: one row per mailbox with where it came from and how it went.
enum ImportReport {
    /// One mailbox's outcome.
    struct Row: Sendable {
        var source: String
        /// The source line; nil when the batch was not imported in this session's pipeline.
        var line: Int?
        var email: String
        var batch: String
        /// `connected`, `conditionally_connected`, `failed`, `already_connected`.
        var outcome: String
        var error: String
    }

    static let header = ["source", "line", "email", "batch_id", "outcome", "error"]

    /// Writes the rows (0600: a report names mailboxes, never a password).
    static func write(_ rows: [Row], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let stream = OutputStream(toFileAtPath: path, append: false)
        else { throw CocoaError(.fileWriteNoPermission) }
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: header)
        for row in rows.sorted(by: { ($0.source, $0.line ?? .max, $0.email) < ($1.source, $1.line ?? .max, $1.email) }) {
            try writer.write(row: [row.source, row.line.map(String.init) ?? "", row.email, row.batch, row.outcome, row.error])
        }
        writer.stream.close()
        if let handle = FileHandle(forWritingAtPath: path) {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n".utf8))
            try handle.close()
        }
    }
}
