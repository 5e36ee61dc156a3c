extension Validation {
    /// How many calendar days, today included, a report may reach back.
    public static let reportDays = 30

    /// A report period (docs/contract gap 28): both dates `YYYY-MM-DD`, `from ≤ to`; with `today`,
    /// also `to ≤ today` and `from` within the last 30 days (UTC).
    public static func reportPeriod(_ period: ReportPeriod, today: String? = nil) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        let from = dayNumber(period.from)
        let to = dayNumber(period.to)
        if from == nil { problems.append(ValidationProblem("from", "must be a date YYYY-MM-DD, got '\(period.from)'")) }
        if to == nil { problems.append(ValidationProblem("to", "must be a date YYYY-MM-DD, got '\(period.to)'")) }
        guard let from, let to else { return problems }
        let day = today.flatMap(dayNumber)
        if let today, let day, from > day {
            // A period that starts after today: said of `from`, not of the `to` it passes.
            problems.append(ValidationProblem("from", "must not be after today (\(today), UTC), got \(period.from)"))
        } else if from > to {
            problems.append(ValidationProblem("to", "must not be before from (\(period.from)), got \(period.to)"))
        }
        if let today, let day {
            if to > day {
                problems.append(ValidationProblem("to", "must not be after today (\(today), UTC), got \(period.to)"))
            }
            if from < day - (reportDays - 1) {
                problems.append(
                    ValidationProblem("from", "must be within the last \(reportDays) days (UTC), got \(period.from)"))
            }
        }
        return problems
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` date (proleptic Gregorian), or nil when it is not one.
    public static func dayNumber(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 45, bytes[7] == 45 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.allSatisfy({ (48...57).contains(bytes[$0]) }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let year = digits(0..<4), let month = digits(5..<7), let day = digits(8..<10), (1...12).contains(month)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD` of a day number (the inverse of ``dayNumber(_:)``).
    public static func date(ofDay days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
