import CSV
import Foundation

/// `batch watch --report FILE.csv`: one row per mailbox with where it came from and how it went.
enum ImportReport {
    /// One mailbox's outcome.
    struct Row: Sendable {
        var source: String
        /// Where the row is: `12`, or `1[2]` in a JSON array on one line (``RowPlace``); nil when
        /// the batch was not imported in this session's pipeline.
        var place: RowPlace?
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
        // In source order: by line, then index in a one-line array; rows of unknown place last.
        func order(_ row: Row) -> (String, Int, Int, String) {
            (row.source, row.place?.line ?? .max, row.place?.index ?? -1, row.email)
        }
        for row in rows.sorted(by: { order($0) < order($1) }) {
            let place = row.place?.description ?? ""
            try writer.write(row: [row.source, place, row.email, row.batch, row.outcome, row.error])
        }
        writer.stream.close()
        if let handle = FileHandle(forWritingAtPath: path) {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("\n".utf8))
            try handle.close()
        }
    }
}
