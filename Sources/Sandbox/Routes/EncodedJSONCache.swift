import Foundation
import OutreachAPI
import Synchronization

/// The JSON bytes last sent for each object, sent again while the object is unchanged.
///
/// Encoding a campaign with its steps through `JSONEncoder` was a quarter of the sandbox's time
/// per `GET campaign` under load; comparing the campaign with the one last encoded costs a small
/// fraction of that (see the README's performance section). At most `limit` objects are kept.
final class EncodedJSONCache<Value: Encodable & Equatable & Sendable>: Sendable {
    private let entries = Mutex<[String: (value: Value, data: Data)]>([:])
    private let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
    }

    /// The JSON of `value`, stored under `key` (e.g. the account and the object's id).
    func data(for key: String, _ value: Value) throws -> Data {
        if let hit = entries.withLock({ $0[key] }), hit.value == value { return hit.data }
        let data = try JSONCoding.encode(value)
        entries.withLock { entries in
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[key] = (value, data)
        }
        return data
    }
}
