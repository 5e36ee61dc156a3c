import OutreachAPI

/// The delivery-window notation: `MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00; SUN all-day`.
///
/// Groups are separated by `;`; each names days (`MON`, `MON-FRI`, `MON,WED`) and windows
/// (`HH:mm-HH:mm`, several separated by `,`, or `all-day`). It compiles into the API's
/// `delivery_time` object, and ``format(_:)`` prints an object back the same way. Problems
/// (an unknown day, a bad time, from ≥ to, overlapping windows) carry their place in the string.
public enum WindowNotation {
    static let days: [(String, Weekday)] = [
        ("MON", .monday), ("TUE", .tuesday), ("WED", .wednesday), ("THU", .thursday), ("FRI", .friday),
        ("SAT", .saturday),
        ("SUN", .sunday),
    ]

    /// A piece of the text with its byte offset.
    struct Piece {
        var text: Substring
        var offset: Int
    }

    /// Splits `text` (starting at `offset`) on `separator`, keeping each piece's offset, trimmed of spaces.
    static func split(_ text: Substring, offset: Int, on separator: Character) -> [Piece] {
        var pieces: [Piece] = []
        var start = text.startIndex
        var position = offset
        var pieceStart = offset
        for index in text.indices {
            if text[index] == separator {
                pieces.append(trimmed(Piece(text: text[start..<index], offset: pieceStart)))
                start = text.index(after: index)
                pieceStart = position + text[index].utf8.count
            }
            position += text[index].utf8.count
        }
        pieces.append(trimmed(Piece(text: text[start...], offset: pieceStart)))
        return pieces
    }

    static func trimmed(_ piece: Piece) -> Piece {
        let leading = piece.text.prefix { $0 == " " || $0 == "\t" }
        let rest = piece.text.dropFirst(leading.count)
        let trailing = rest.reversed().prefix { $0 == " " || $0 == "\t" }.count
        return Piece(text: rest.dropLast(trailing), offset: piece.offset + leading.utf8.count)
    }

    /// Compiles the notation; the first problem is thrown with its place.
    public static func parse(_ text: String) throws(TextProblem) -> DeliveryTime {
        var result = DeliveryTime()
        var placed: [Weekday: [(from: Int, to: Int, piece: Piece)]] = [:]
        for group in split(Substring(text), offset: 0, on: ";") where !group.text.isEmpty {
            guard let space = group.text.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                throw TextProblem(
                    "write DAYS TIMES, e.g. MON-FRI 08:00-18:00", offset: group.offset, length: group.text.utf8.count)
            }
            let dayPiece = Piece(text: group.text[..<space], offset: group.offset)
            let timesPiece = trimmed(
                Piece(text: group.text[space...], offset: group.offset + group.text[..<space].utf8.count))
            let dayList = try self.dayList(dayPiece)
            let windows = try self.windows(timesPiece)
            for day in dayList {
                for window in windows {
                    if let clash = placed[day, default: []].first(where: { window.from < $0.to && $0.from < window.to })
                    {
                        throw TextProblem(
                            "\(window.piece.text) overlaps \(clash.piece.text) on \(days.first { $0.1 == day }?.0 ?? "")",
                            offset: window.piece.offset, length: window.piece.text.utf8.count)
                    }
                    placed[day, default: []].append(window)
                    let bounds =
                        window.piece.text.lowercased() == "all-day" ? ("00:00", "00:00") : split(window.piece.text)
                    result[day] =
                        (result[day] ?? []) + [TimeWindow(from: twoDigitHour(bounds.0), to: twoDigitHour(bounds.1))]
                }
            }
        }
        guard !result.windowsByDay.isEmpty else {
            throw TextProblem("the window is empty: write e.g. MON-FRI 08:00-18:00", offset: 0, length: text.utf8.count)
        }
        return result
    }

    static func split(_ window: Substring) -> (String, String) {
        let parts = window.split(separator: "-", maxSplits: 1).map(String.init)
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }

    static func dayList(_ piece: Piece) throws(TextProblem) -> [Weekday] {
        var result: [Weekday] = []
        for item in split(piece.text, offset: piece.offset, on: ",") {
            var indexes: [Int] = []
            for bound in split(item.text, offset: item.offset, on: "-") {
                guard let index = days.firstIndex(where: { $0.0 == bound.text.uppercased() }) else {
                    throw TextProblem(
                        "unknown day '\(bound.text)': use MON TUE WED THU FRI SAT SUN", offset: bound.offset,
                        length: bound.text.utf8.count)
                }
                indexes.append(index)
            }
            guard let first = indexes.first, let last = indexes.last, indexes.count <= 2, first <= last else {
                throw TextProblem(
                    "day range '\(item.text)' must run forward, e.g. MON-FRI", offset: item.offset,
                    length: item.text.utf8.count)
            }
            result += (first...last).map { days[$0].1 }
        }
        return result
    }

    static func windows(_ piece: Piece) throws(TextProblem) -> [(from: Int, to: Int, piece: Piece)] {
        if piece.text.lowercased() == "all-day" { return [(0, 24 * 60, piece)] }
        var result: [(from: Int, to: Int, piece: Piece)] = []
        for item in split(piece.text, offset: piece.offset, on: ",") {
            let bounds = split(item.text)
            guard let from = Validation.minutes(ofTime: twoDigitHour(bounds.0)),
                let to = Validation.minutes(ofTime: twoDigitHour(bounds.1), allow24: true)
            else {
                throw TextProblem(
                    "window time '\(item.text)': write H:mm-H:mm, e.g. 08:00-18:00 or 9:00-17:00", offset: item.offset,
                    length: item.text.utf8.count)
            }
            let wholeDay = from == 0 && (to == 0 || to == 24 * 60)
            guard from < to || wholeDay else {
                throw TextProblem(
                    "\(item.text): from must be earlier than to", offset: item.offset, length: item.text.utf8.count)
            }
            result.append((from, wholeDay ? 24 * 60 : to, item))
        }
        return result
    }

    /// `9:00` as `09:00`: the notation takes a one-digit hour, as people write it (the API's
    /// field takes `HH:mm` only, which is what is sent).
    static func twoDigitHour(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count == 4, bytes[1] == UInt8(ascii: ":") else { return text }
        return "0" + text
    }

    /// The notation for a `delivery_time` object: days with the same windows are grouped into
    /// ranges (`MON-FRI`) or lists (`MON,WED`); `00:00-00:00` prints as `all-day`, so the
    /// object reads back exactly.
    public static func format(_ deliveryTime: DeliveryTime) -> String {
        func windowsText(_ windows: [TimeWindow]) -> String {
            if windows.count == 1, let only = windows.first, only.from == "00:00", only.to == "00:00" {
                return "all-day"
            }
            return windows.map { "\($0.from)-\($0.to)" }.joined(separator: ",")
        }
        var groups: [(text: String, indexes: [Int])] = []
        for (index, entry) in days.enumerated() {
            guard let windows = deliveryTime[entry.1], !windows.isEmpty else { continue }
            let text = windowsText(windows)
            if let at = groups.firstIndex(where: { $0.text == text }) {
                groups[at].indexes.append(index)
            } else {
                groups.append((text, [index]))
            }
        }
        return groups.map { group in
            var runs: [[Int]] = []
            for index in group.indexes {
                if let last = runs.last?.last, last + 1 == index {
                    runs[runs.count - 1].append(index)
                } else {
                    runs.append([index])
                }
            }
            let dayText = runs.map { run in
                run.count >= 3
                    ? "\(days[run[0]].0)-\(days[run[run.count - 1]].0)" : run.map { days[$0].0 }.joined(separator: ",")
            }.joined(separator: ",")
            return "\(dayText) \(group.text)"
        }.joined(separator: "; ")
    }
}
