import OutreachAPI

/// Converts between the sandbox clock's seconds (since 1970, UTC) and the v1 date-time texts:
/// records write `2016-08-14T02:08:58+0000` (docs/contract gap 19), `send_after` is read from
/// any ISO 8601 date-time with an offset (gap 10).
enum SandboxTime {
    /// `2016-08-14T02:08:58+0000`, in UTC.
    static func v1Text(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let days = whole.floorDivided(by: 86_400)
        let secondOfDay = whole - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
        return Validation.date(ofDay: days) + "T" + time + "+0000"
    }

    /// The seconds of a text `Validation.isISODateTimeWithOffset` accepts (`…-0000`, `…+02:00`, `…Z`),
    /// or nil for any other text.
    static func seconds(fromISO text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard number(0..<4) != nil, number(5..<7) != nil, number(8..<10) != nil,
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var offset = 0
        if bytes[19] != UInt8(ascii: "Z") {
            let sign = bytes[19] == UInt8(ascii: "-") ? -1 : 1
            let rest = Array(bytes[20...]).filter { $0 != UInt8(ascii: ":") }
            guard rest.count == 4, let hours = Int(String(decoding: rest[0..<2], as: UTF8.self)),
                let minutes = Int(String(decoding: rest[2..<4], as: UTF8.self))
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard let days = Validation.dayNumber(String(decoding: bytes[0..<10], as: UTF8.self)) else { return nil }
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
    }
}

extension Int {
    /// Division rounding toward minus infinity.
    fileprivate func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
