/// An account's prospects in id order, with O(1) lookups by id and by email.
///
/// Ids come from a global counter, so each new prospect has the highest id of its account and
/// appending keeps ``records`` sorted: the default listing (by id) is a slice, never a sort.
/// The indexes are not stored; ``init(loading:)`` rebuilds them.
struct ProspectDatabase: Sendable {
    private(set) var records: [Prospect] = []
    private var positionOfID: [Int: Int] = [:]
    private var idOfKey: [String: Int] = [:]

    init() {}

    /// A database of `records` (in any order), with its indexes rebuilt.
    init(loading records: [Prospect]) {
        self.records = records.sorted { $0.id < $1.id }
        positionOfID.reserveCapacity(records.count)
        idOfKey.reserveCapacity(records.count)
        for (position, record) in self.records.enumerated() {
            positionOfID[record.id] = position
            idOfKey[Prospect.key(record.email)] = record.id
        }
    }

    var count: Int { records.count }

    /// The id of the prospect with this email key (``Prospect/key(_:)``).
    func id(ofKey key: String) -> Int? { idOfKey[key] }

    /// The position of a prospect in ``records``.
    func position(of id: Int) -> Int? { positionOfID[id] }

    func prospect(_ id: Int) -> Prospect? { positionOfID[id].map { records[$0] } }

    /// Adds a prospect whose id is higher than any here and whose email is not here.
    mutating func insert(_ prospect: Prospect) {
        positionOfID[prospect.id] = records.count
        idOfKey[Prospect.key(prospect.email)] = prospect.id
        records.append(prospect)
    }

    /// Changes a prospect in place (its id and email stay).
    mutating func modify<T>(_ id: Int, _ body: (inout Prospect) -> T) -> T? {
        guard let position = positionOfID[id] else { return nil }
        return body(&records[position])
    }
}
