import Foundation
import OutreachAPI

/// A place in one inbox listing (docs/contract/inbox.md, proposal 4): the filters it was issued
/// for, which way it points, and the message it points from, as URL-safe base64 of
/// `SIGNATURE.DIRECTION.TIME.ID`. Opaque to clients; only cursors the sandbox issued for the same
/// filters are accepted.
struct InboxCursor: Sendable, Hashable {
    /// Which side of the message the page lies on.
    enum Direction: String, Sendable {
        /// The messages after it (older): `next_page_cursor`.
        case next = "n"
        /// The messages before it (newer): `previous_page_cursor`.
        case previous = "p"
    }

    var signature: String
    var direction: Direction
    var time: Double
    var id: Int

    /// The text a listing hands out.
    var text: String {
        let raw = "\(signature).\(direction.rawValue).\(String(time.bitPattern, radix: 16)).\(id)"
        return Data(raw.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init(signature: String, direction: Direction, time: Double, id: Int) {
        self.signature = signature
        self.direction = direction
        self.time = time
        self.id = id
    }

    /// The cursor a text stands for, if it was issued for `signature`; nil for none given (no
    /// text, `""` or `null`: the first page).
    static func parse(_ text: String?, signature: String) throws(SandboxError) -> InboxCursor? {
        guard let text, !text.isEmpty, text != "null" else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else {
            throw notACursor
        }
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == signature, let direction = Direction(rawValue: String(parts[1])),
            let bits = UInt64(parts[2], radix: 16), let id = Int(parts[3])
        else { throw notACursor }
        return InboxCursor(signature: signature, direction: direction, time: Double(bitPattern: bits), id: id)
    }

    static let notACursor = SandboxError.inboxInput("next_page_cursor: not a cursor from this listing")

    /// The filters of `query` as a short hash: a cursor is valid only for the same filters (the
    /// page size may change between pages).
    static func signature(of query: InboxQuery) -> String {
        var filters = query
        filters.per_page = nil
        filters.next_page_cursor = nil
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in filters.queryString.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 36)
    }

    /// One page of `entries` (newest first) from `cursor` (nil: the first page), with the cursors
    /// of the pages around it, `nil` where there is none (or the page is empty: a cursor past
    /// either end).
    static func page(
        _ entries: [InboxEntry], from cursor: InboxCursor?, perPage: Int, signature: String
    ) -> (items: ArraySlice<InboxEntry>, pagination: InboxPagination) {
        let range: Range<Int>
        switch cursor {
        case nil:
            range = 0..<min(perPage, entries.count)
        case let cursor? where cursor.direction == .next:
            let start = entries.firstIndex { $0.isOlder(than: cursor.time, cursor.id) } ?? entries.count
            range = start..<min(start + perPage, entries.count)
        case let cursor?:
            let end = entries.firstIndex { !(($0.repliedAt, $0.id) > (cursor.time, cursor.id)) } ?? entries.count
            range = max(0, end - perPage)..<end
        }
        let items = entries[range]
        func issued(_ direction: Direction, _ entry: InboxEntry?) -> String? {
            entry.map { InboxCursor(signature: signature, direction: direction, time: $0.repliedAt, id: $0.id).text }
        }
        return (
            items,
            InboxPagination(
                previous_page_cursor: range.lowerBound > 0 ? issued(.previous, items.first) : nil,
                next_page_cursor: range.upperBound < entries.count ? issued(.next, items.last) : nil)
        )
    }
}
