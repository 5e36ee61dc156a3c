/// The first row of each email fingerprint (``MailboxImporter/fingerprint(_:)``), for the
/// duplicate check of a million-row import: open addressing over two flat arrays, indexed by
/// the fingerprint's own bits (it is a hash already), so a row costs one probe or two and no
/// hashing.
struct FingerprintTable {
    private var keys: [UInt64]
    private var rows: [Int32]
    private var count = 0
    /// 64 minus log2 of the capacity: the top bits of the mixed key are the slot.
    private var shift: Int

    /// A table for about `expected` fingerprints before it first grows.
    init(expected: Int = 768) {
        var capacity = 1024
        while capacity * 3 < expected * 4 { capacity *= 2 }
        keys = [UInt64](repeating: 0, count: capacity)
        rows = [Int32](repeating: 0, count: capacity)
        shift = 64 - capacity.trailingZeroBitCount
    }

    /// The row recorded for `fingerprint`; when there is none, `row` is recorded and nil returned.
    mutating func firstRow(of fingerprint: UInt64, recording row: Int32) -> Int32? {
        // 0 marks an empty slot: the one fingerprint that is 0 is kept as another.
        let key = fingerprint == 0 ? 0x9E37_79B9_7F4A_7C15 : fingerprint
        if (count + 1) * 4 > keys.count * 3 { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
        while true {
            let found = keys[slot]
            if found == key { return rows[slot] }
            if found == 0 {
                keys[slot] = key
                rows[slot] = row
                count += 1
                return nil
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldRows = rows
        let capacity = oldKeys.count * 2
        keys = []
        rows = []
        keys = [UInt64](repeating: 0, count: capacity)
        rows = [Int32](repeating: 0, count: capacity)
        shift -= 1
        let mask = capacity - 1
        for (index, key) in oldKeys.enumerated() where key != 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            rows[slot] = oldRows[index]
        }
    }
}
