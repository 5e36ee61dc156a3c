/// An array index (or `super`) as a coding key, named like `JSONDecoder`'s (`Index 3`).
struct JSONTreeIndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init?(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init?(intValue: Int) { self.init(index: intValue) }

    static let superKey = JSONTreeIndexKey(super: ())

    private init(super: Void) {
        stringValue = "super"
        intValue = nil
    }
}
