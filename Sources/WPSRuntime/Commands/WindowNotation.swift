import OutreachAPI

/// The delivery-window notation: `MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00; SUN all-day`.
///
/// Groups are separated by `;`; each names days (`MON`, `MON-FRI`, `MON,WED`) and windows
/// (`HH:mm-HH:mm`, several separated by `,`, or `all-day`). It compiles into the API's
/// `delivery_time` object; the documented rules (from < to, no overlap) are checked by the
/// validation rules when the request is built.
enum WindowNotation {
    static let days: [(String, Weekday)] = [
        ("MON", .monday), ("TUE", .tuesday), ("WED", .wednesday), ("THU", .thursday), ("FRI", .friday), ("SAT", .saturday),
        ("SUN", .sunday),
    ]

    static func parse(_ text: String) throws(RuntimeError) -> DeliveryTime {
        var result = DeliveryTime()
        for group in text.split(separator: ";") {
            let parts = group.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else {
                throw RuntimeError("window '\(group.trimmingCharacters(in: .whitespaces))': write DAYS TIMES, e.g. MON-FRI 08:00-18:00")
            }
            let dayList = try self.dayList(String(parts[0]))
            let windows = try self.windows(String(parts[1]))
            for day in dayList { result[day] = (result[day] ?? []) + windows }
        }
        guard !result.windowsByDay.isEmpty else { throw RuntimeError("the window is empty: write e.g. MON-FRI 08:00-18:00") }
        return result
    }

    static func dayList(_ text: String) throws(RuntimeError) -> [Weekday] {
        var result: [Weekday] = []
        for item in text.uppercased().split(separator: ",") {
            let bounds = item.split(separator: "-").map(String.init)
            let indexes = try bounds.map { name throws(RuntimeError) -> Int in
                guard let index = days.firstIndex(where: { $0.0 == name }) else {
                    throw RuntimeError("unknown day '\(name)' in a window: use MON TUE WED THU FRI SAT SUN")
                }
                return index
            }
            guard let first = indexes.first, let last = indexes.last, indexes.count <= 2, first <= last else {
                throw RuntimeError("day range '\(item)' must run forward, e.g. MON-FRI")
            }
            result += (first...last).map { days[$0].1 }
        }
        return result
    }

    static func windows(_ text: String) throws(RuntimeError) -> [TimeWindow] {
        if text.lowercased() == "all-day" { return [TimeWindow(from: "00:00", to: "00:00")] }
        return try text.split(separator: ",").map { item throws(RuntimeError) in
            let bounds = item.split(separator: "-").map(String.init)
            guard bounds.count == 2, Validation.minutes(ofTime: bounds[0]) != nil, Validation.minutes(ofTime: bounds[1], allow24: true) != nil else {
                throw RuntimeError("window time '\(item)': write HH:mm-HH:mm, e.g. 08:00-18:00")
            }
            return TimeWindow(from: bounds[0], to: bounds[1])
        }
    }
}
