/// When an email step may send: time windows keyed by day of the week.
///
/// Encodes as the API's object, `{"MONDAY": [{"from": "08:00", "to": "18:00"}], …}`; a day
/// that is absent sends nothing. Days are kept in week order (Monday first).
public struct DeliveryTime: Codable, Sendable, Hashable {
    /// The windows of each day that has any, in week order.
    public var days: [(day: Weekday, windows: [TimeWindow])] {
        windowsByDay.keys.sorted().map { ($0, windowsByDay[$0] ?? []) }
    }
    /// The windows by day.
    public var windowsByDay: [Weekday: [TimeWindow]]

    public init(_ windowsByDay: [Weekday: [TimeWindow]] = [:]) { self.windowsByDay = windowsByDay }

    public subscript(day: Weekday) -> [TimeWindow]? {
        get { windowsByDay[day] }
        set { windowsByDay[day] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DayKey.self)
        var result: [Weekday: [TimeWindow]] = [:]
        for key in container.allKeys {
            result[Weekday(rawValue: key.stringValue)] = try container.decode([TimeWindow].self, forKey: key)
        }
        windowsByDay = result
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DayKey.self)
        for (day, windows) in days {
            try container.encode(windows, forKey: DayKey(stringValue: day.rawValue))
        }
    }

    private struct DayKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

/// One sending window, `{"from": "08:00", "to": "18:00"}`, times as `HH:mm`.
///
/// The whole day is written `00:00`–`00:00` (the API's default form) or `00:00`–`24:00`.
public struct TimeWindow: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}
