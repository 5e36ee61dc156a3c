extension Validation {
    /// The rules of a `delivery_time` object: day keys, `HH:mm` intervals with from < to (or a
    /// whole-day form), no overlaps within a day, and at least one interval in all.
    public static func deliveryTime(_ deliveryTime: DeliveryTime, path: String) -> [ValidationProblem] {
        var problems = ProblemList()
        var total = 0
        for (day, windows) in deliveryTime.days {
            let dayPath = "\(path).\(day.rawValue)"
            if !day.isKnown {
                problems.add(dayPath, "is not a day of the week: use MONDAY…SUNDAY")
                continue
            }
            total += windows.count
            var accepted: [(from: Int, to: Int, label: String)] = []
            for (index, window) in windows.enumerated() {
                let p = "\(dayPath)[\(index)]"
                let from = minutes(ofTime: window.from)
                let to = minutes(ofTime: window.to, allow24: true)
                if from == nil { problems.add(p + ".from", "must be a time HH:mm such as 08:00, got \(window.from)") }
                if to == nil { problems.add(p + ".to", "must be a time HH:mm such as 18:00, got \(window.to)") }
                guard let start = from, var end = to else { continue }
                if start == 0, end == 0 { end = 24 * 60 }  // the whole-day form 00:00–00:00
                if start >= end {
                    problems.add(p, "from must be earlier than to, got \(window.from)–\(window.to)")
                    continue
                }
                if let clash = accepted.first(where: { start < $0.to && $0.from < end }) {
                    problems.add(p, "overlaps \(clash.label)")
                }
                accepted.append((start, end, "\(window.from)–\(window.to)"))
            }
        }
        if total == 0 { problems.add(path, "must define at least one interval") }
        return problems.items
    }
}
