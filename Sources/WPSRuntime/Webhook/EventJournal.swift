import Crypto
import Foundation
import WPSLanguage

/// `webhook listen --journal FILE`: where the receiver listens (so a restart answers the sender's
/// retries at the same URL), what it subscribed, and every event received (written before the
/// sender is answered) and delivered (once its record went down the pipeline). A file of JSON
/// lines, readable by the user only; a line cut by a crash is ignored.
///
/// ```
/// {"listen":{"host":"127.0.0.1","port":8123,"token":"…","url":"http://…/…","subscribed":["prospect_replied"]}}
/// {"received":"3f1c…","event":{…}}
/// {"delivered":"3f1c…"}
/// ```
struct EventJournal: Sendable {
    /// Where a listener listens and what it subscribed: the journal's first line.
    struct Listener: Codable, Equatable, Sendable {
        var host: String
        var port: Int
        var token: String
        /// The URL subscribed (the public one with `--url`).
        var url: String
        var subscribed: [String]
    }

    /// What a journal holds.
    struct Contents: Sendable {
        var listener: Listener?
        /// Received and not yet delivered, in the order received: yielded first on a restart.
        var pending: [(key: String, event: Value)] = []
        /// Every key received (delivered or pending): a sender's retry of one is not yielded again.
        var seen: Set<String> = []
        var deliveredCount = 0
    }

    let path: String
    private let handle: FileHandle

    /// Opens (creating, 0600) the journal for appending.
    init(path: String) throws {
        self.path = path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            else { throw RuntimeError("cannot create the journal \(path)", exitCode: 2) }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RuntimeError("cannot write the journal \(path)", exitCode: 2)
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// What the journal at `path` holds (empty when there is none).
    static func load(_ path: String) throws -> Contents {
        var contents = Contents()
        guard let data = FileManager.default.contents(atPath: path) else { return contents }
        var order: [String] = []
        var events: [String: Value] = [:]
        var delivered: Set<String> = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            // A line cut by a crash (or not JSON) is skipped: what it held was not answered.
            guard let value = try? ValueReader.json(Data(line)), case .record(let record) = value else { continue }
            if record["listen"] != nil {
                contents.listener = (try? JSONDecoder().decode(ListenLine.self, from: Data(line)))?.listen
            } else if let key = record["received"]?.text, let event = record["event"] {
                if events[key] == nil { order.append(key) }
                events[key] = event
            } else if let key = record["delivered"]?.text {
                delivered.insert(key)
            }
        }
        contents.seen = Set(order)
        contents.pending = order.filter { !delivered.contains($0) }.compactMap { key in events[key].map { (key, $0) } }
        contents.deliveredCount = delivered.count
        return contents
    }

    /// The first line: `{"listen": {…}}`.
    private struct ListenLine: Codable {
        var listen: Listener
    }

    func write(_ listener: Listener) throws {
        let text = String(decoding: try JSONEncoder().encode(ListenLine(listen: listener)), as: UTF8.self)
        try append(line: text)
    }

    func received(_ key: String, _ event: Value) throws {
        try append(.record(["received": .string(key), "event": event]))
    }

    func delivered(_ keys: [String]) throws {
        for key in keys { try append(.record(["delivered": .string(key)])) }
    }

    /// One line, on disk (fsync) before this returns.
    private func append(_ value: Value) throws {
        try append(line: JSONRenderer().render(value))
    }

    private func append(line: String) throws {
        do {
            try handle.write(contentsOf: Data((line + "\n").utf8))
            try handle.synchronize()
        } catch {
            throw RuntimeError("cannot write the journal \(path): \(error)", exitCode: 1)
        }
    }

    func close() { try? handle.close() }

    /// An event's identity: the SHA-256 of its JSON with sorted keys (the API gives events no id).
    static func key(of event: Value) -> String {
        let digest = SHA256.hash(data: Data(JSONRenderer().render(event).utf8))
        return digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
