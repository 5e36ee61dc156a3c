import Foundation

/// The append-only record of one import (a file's content and a profile), so that running the
/// same import again sends only the rows that were never accepted.
///
/// One entry per line, each forced to disk before the import goes on:
/// ```
/// # wps import journal v2 boxes.csv sha256:… profile:prod delimiter:;   (delimiter: when forced)
/// sending 1-200            rows about to be sent (their outcome is unknown until the next entry)
/// accepted 4711 1-200      rows the API accepted in batch 4711
/// existing 7,9             rows the API already had (connected before this import)
/// existing 12 batch:4702 not_applied:smtp_from_name,daily_sending_limit
///                          … in the batch that connected them, with the fields of theirs the
///                          API did not apply (field names, never values; a wps that knows
///                          only `existing ROWS` reads the rows and ignores the rest)
/// outcome added - 1-200    rows answered one by one (prospects): the outcome, the code or -, the rows
/// finished
/// ```
/// Rows are numbered from 1 in the source's order (a JSON array on one line holds many rows on
/// one line). Journals of version 1 numbered the rows by their lines; ``State/countsLines`` says
/// so, and the importer converts them (``rewrite(_:path:header:)``).
/// It holds row numbers and batch ids only: never a field of a row, so never a password.
struct ImportJournal {
    /// What a journal says so far.
    struct State {
        /// Accepted batches in the order they were recorded (a batch may appear more than once
        /// when reconciliation found rows in it).
        var accepted: [(id: String, rows: LineSet)] = []
        /// Rows already there, each entry with the batch the API named and the fields (by name)
        /// it did not apply, in the order recorded.
        var existing: [(rows: LineSet, batch: String?, notApplied: [String])] = []
        /// Rows answered one by one, with their outcome and code, in the order recorded.
        var outcomes: [(kind: String, code: String?, rows: LineSet)] = []
        /// Rows sent whose outcome was never recorded.
        var unsettled = LineSet()
        var finished = false
        /// Written by version 1, which numbered rows by the line they start on.
        var countsLines = false

        /// Rows that need no sending: accepted or already there.
        var covered: LineSet {
            var rows = LineSet()
            for entry in existing { rows.formUnion(entry.rows) }
            for batch in accepted { rows.formUnion(batch.rows) }
            for outcome in outcomes { rows.formUnion(outcome.rows) }
            return rows
        }

        /// The same state counted in rows: a version-1 journal's lines become the rows that start
        /// on them.
        func inRows(_ places: RowPlaces) -> State {
            guard countsLines else { return self }
            var state = State()
            state.accepted = accepted.map { ($0.id, places.rows(onLines: $0.rows)) }
            state.existing = existing.map { (places.rows(onLines: $0.rows), $0.batch, $0.notApplied) }
            state.outcomes = outcomes.map { ($0.kind, $0.code, places.rows(onLines: $0.rows)) }
            state.unsettled = places.rows(onLines: unsettled)
            state.finished = finished
            return state
        }
    }

    enum Entry {
        case sending(LineSet)
        case accepted(id: String, LineSet)
        case existing(LineSet, batch: String? = nil, notApplied: [String] = [])
        case outcome(kind: String, code: String?, LineSet)
        case finished

        var text: String {
            switch self {
            case .sending(let rows): "sending \(rows)"
            case .accepted(let id, let rows): "accepted \(id) \(rows)"
            case .existing(let rows, let batch, let fields):
                "existing \(rows)" + (batch.map { " batch:\($0)" } ?? "")
                    + (fields.isEmpty ? "" : " not_applied:" + fields.joined(separator: ","))
            case .outcome(let kind, let code, let rows): "outcome \(kind) \(code ?? "-") \(rows)"
            case .finished: "finished"
            }
        }
    }

    let path: String
    private let handle: FileHandle

    /// The journal's path for a source and a profile, under `directory`.
    static func path(directory: String, contentHash: String, profileKey: String) -> String {
        let slug = profileKey.map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(52)
        return directory + "/" + String(contentHash.prefix(24)) + "-" + String(slug) + ".journal"
    }

    /// Reads what an existing journal recorded (an empty state when there is none).
    static func load(_ path: String) throws(RuntimeError) -> State {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return State() }  // none yet (or a device: nothing to read back)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read the import journal \(path)")
        }
        var state = State()
        var sent = LineSet()
        for (index, line) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: true
        ).enumerated() {
            if line.hasPrefix("#") {
                if index == 0, line.hasPrefix(Self.headerPrefix(version: 1)) { state.countsLines = true }
                continue
            }
            let words = line.split(separator: " ")
            func rows(_ at: Int) throws(RuntimeError) -> LineSet {
                guard words.count > at, let set = LineSet(parsing: words[at]) else {
                    throw RuntimeError(
                        "\(path):\(index + 1): damaged import journal entry '\(line)'; remove the file to start over")
                }
                return set
            }
            switch words.first {
            case "sending": sent.formUnion(try rows(1))
            case "accepted":
                guard words.count == 3 else {
                    throw RuntimeError("\(path):\(index + 1): damaged import journal entry '\(line)'")
                }
                state.accepted.append((String(words[1]), try rows(2)))
            case "existing":
                // Words after the rows are optional (`batch:`, `not_applied:`), so journals
                // written before them read the same.
                var entry = (rows: try rows(1), batch: String?.none, notApplied: [String]())
                for word in words.dropFirst(2) {
                    if word.hasPrefix("batch:") { entry.batch = String(word.dropFirst("batch:".count)) }
                    if word.hasPrefix("not_applied:") {
                        entry.notApplied = word.dropFirst("not_applied:".count).split(separator: ",").map(String.init)
                    }
                }
                state.existing.append(entry)
            case "outcome":
                guard words.count == 4 else {
                    throw RuntimeError("\(path):\(index + 1): damaged import journal entry '\(line)'")
                }
                state.outcomes.append((String(words[1]), words[2] == "-" ? nil : String(words[2]), try rows(3)))
            case "finished": state.finished = true
            default:
                // A torn last line (the process died mid-write) is ignored; anything else is damage.
                if index > 0, !data.isEmpty, data.last != UInt8(ascii: "\n") { continue }
                throw RuntimeError(
                    "\(path):\(index + 1): damaged import journal entry '\(line)'; remove the file to start over")
            }
        }
        state.unsettled = sent.subtracting(state.covered)
        return state
    }

    /// Opens (creating, 0600) the journal for appending.
    init(path: String, header: String) throws(RuntimeError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw RuntimeError("cannot create \(directory) for the import journal: \(error.localizedDescription)")
        }
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew, !FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) {
            throw RuntimeError("cannot create the import journal \(path)")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RuntimeError("cannot open the import journal \(path) for writing")
        }
        self.handle = handle
        do { try handle.seekToEnd() } catch {}
        if isNew { try append(line: Self.headerPrefix(version: 2) + header) }
    }

    /// The delimiter a journal's first line records (` delimiter:;`), when the import that wrote
    /// it was given `--delimiter`; nil when there is no journal or it records none.
    static func recordedDelimiter(_ path: String) -> UInt8? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        let first = String(decoding: head.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard first.hasPrefix("# wps import journal"),
            let word = first.split(separator: " ").last(where: { $0.hasPrefix("delimiter:") })
        else { return nil }
        return ImportSource.delimiter(named: String(word.dropFirst("delimiter:".count)))
    }

    /// How a journal and messages name a delimiter: `,`, `;` or `tab`.
    static func delimiterName(_ byte: UInt8) -> String {
        byte == 0x09 ? "tab" : String(decoding: [byte], as: UTF8.self)
    }

    /// The start of a journal's first line.
    static func headerPrefix(version: Int) -> String { "# wps import journal v\(version) " }

    /// Replaces the journal at `path` with one (version 2) that says what `state` says, in rows:
    /// written beside it, forced to disk, then moved over it, so a crash leaves one or the other.
    static func rewrite(_ state: State, path: String, header: String) throws(RuntimeError) {
        var lines = [headerPrefix(version: 2) + header]
        lines += state.accepted.map { Entry.accepted(id: $0.id, $0.rows).text }
        lines += state.existing.map { Entry.existing($0.rows, batch: $0.batch, notApplied: $0.notApplied).text }
        lines += state.outcomes.map { Entry.outcome(kind: $0.kind, code: $0.code, $0.rows).text }
        if !state.unsettled.isEmpty { lines.append(Entry.sending(state.unsettled).text) }
        if state.finished { lines.append(Entry.finished.text) }
        let temporary = path + ".rewrite"
        let content = Data(lines.map { $0 + "\n" }.joined().utf8)
        let written = FileManager.default.createFile(
            atPath: temporary, contents: content, attributes: [.posixPermissions: 0o600])
        guard written, let handle = FileHandle(forWritingAtPath: temporary) else {
            throw RuntimeError("cannot write the import journal \(temporary)")
        }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw RuntimeError("cannot write the import journal \(temporary): \(error.localizedDescription)")
        }
        guard rename(temporary, path) == 0 else { throw RuntimeError("cannot replace the import journal \(path)") }
    }

    /// Appends an entry and forces it to disk; a failure (disk full) stops the import.
    func append(_ entry: Entry) throws(RuntimeError) {
        try append(line: entry.text)
    }

    private func append(line: String) throws(RuntimeError) {
        do {
            try handle.write(contentsOf: Data((line + "\n").utf8))
            try handle.synchronize()
        } catch {
            throw RuntimeError(
                "cannot write the import journal \(path): \(error.localizedDescription); stopped before sending anything it could not record"
            )
        }
    }

    func close() {
        try? handle.close()
    }
}
