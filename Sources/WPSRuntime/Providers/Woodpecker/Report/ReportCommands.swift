import Foundation
import OutreachAPI
import WPSLanguage

/// What `report …` and `campaign stats` share: the period flags, asking for a report and
/// polling it until it is ready, and its rows as records.
enum ReportCommands {
    static let from = Flag<String>(
        "from", .string, "the first day: YYYY-MM-DD, today, yesterday or 7d (days ago); default 29d", fields: ["from"])
    static let to = Flag<String>("to", .string, "the last day, as --from; default today (UTC)", fields: ["to"])
    static let interval = Flag<Duration>(
        "interval", .string, "the first polling interval: 250ms, 2s (it grows to 2s)", read: .interval)
    static let timeout = Flag<Duration>(
        "max-wait", .string, "how long to wait for the report to be ready: 30s, 5m (default 10m)", read: .interval)

    static let periodFlags: [any FlagReading] = [from, to, interval, timeout]

    /// The period the flags give: UTC dates, by default the last 30 days counting today.
    static func period(_ invocation: Invocation, now: Date = Date()) throws -> ReportPeriod {
        let today = Int(floor(now.timeIntervalSince1970 / 86_400))
        func day(_ flag: Flag<String>, default fallback: Int) throws -> String {
            guard let text = invocation[flag]?.trimmingCharacters(in: .whitespaces) else {
                return Validation.date(ofDay: fallback)
            }
            switch text.lowercased() {
            case "today": return Validation.date(ofDay: today)
            case "yesterday": return Validation.date(ofDay: today - 1)
            default: break
            }
            if text.lowercased().hasSuffix("d"), let days = Int(text.dropLast()), days >= 0 {
                return Validation.date(ofDay: today - days)
            }
            guard Validation.dayNumber(text) != nil else {
                throw RuntimeError(
                    "--\(flag.name) takes a date YYYY-MM-DD, today, yesterday or Nd (N days ago), got '\(text)'",
                    at: invocation.range(of: flag))
            }
            return text
        }
        let period = ReportPeriod(
            from: try day(from, default: today - (Validation.reportDays - 1)), to: try day(to, default: today))
        let problems = Validation.reportPeriod(period, today: Validation.date(ofDay: today))
        if let problem = problems.first {
            let flag = problem.path == "from" ? from : to
            throw RuntimeError(
                "--\(problem.path): \(problem.message)", at: invocation.has(flag) ? invocation.range(of: flag) : nil)
        }
        return period
    }

    /// Asks for a report, then polls until it is `READY` (a spinner on stderr meanwhile); its rows.
    static func fetch(
        _ kind: ReportKind, period: ReportPeriod, invocation: Invocation, session: Session
    ) async throws -> ReportAnswer.Content {
        let connection = session.connection
        // A sandbox whose clock was moved on (`sandbox advance 3d`) has its own today: the
        // period the flags give is read again against it, and asked for once more if it differs.
        // It tells its clock with each report it accepts; one it refused is asked for its clock.
        var asked: ReportHash
        var period = period
        do {
            asked = try await connection.send(Woodpecker.RequestReport(kind, period), for: invocation.command)
        } catch let refusal as RuntimeError {
            guard let clock = try? await connection.send(Woodpecker.GetSandboxClock(), for: invocation.command),
                let theirs = try? Self.period(invocation, now: Date(timeIntervalSince1970: clock.seconds)),
                theirs != period
            else { throw refusal }
            period = theirs
            asked = try await connection.send(Woodpecker.RequestReport(kind, period), for: invocation.command)
        }
        if let clock = asked.serverClock,
            let theirs = try? Self.period(invocation, now: Date(timeIntervalSince1970: clock)), theirs != period
        {
            asked = try await connection.send(Woodpecker.RequestReport(kind, theirs), for: invocation.command)
        }
        let hash = asked.hash
        let progress = ProgressLine(session.settings)
        let started = ContinuousClock.now
        let limit = invocation[timeout] ?? .seconds(600)
        var pause = invocation[interval] ?? .milliseconds(250)
        let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        var turn = 0
        defer { progress.clear() }
        while true {
            let answer = try await connection.send(Woodpecker.GetReport(hash: hash), for: invocation.command)
            if answer.isReady {
                guard let report = answer.report else {
                    throw RuntimeError(
                        "GET reports/\(hash): the report is READY but has no data", at: invocation.command.range,
                        exitCode: 1)
                }
                return report
            }
            if answer.hasFailed {
                throw RuntimeError(
                    "report \(kind.commandWord) (\(period.from) … \(period.to)): the API says \(answer.status)",
                    at: invocation.command.range, exitCode: 1)
            }
            let waited = ContinuousClock.now - started
            if waited >= limit {
                throw RuntimeError(
                    "report \(kind.commandWord): not ready after \(waited.components.seconds) s (status \(answer.status));"
                        + " --max-wait waits longer (its hash is \(hash))",
                    at: invocation.command.range, exitCode: 1)
            }
            progress.update(
                "\(session.settings.progressIsTerminal ? spinner[turn % spinner.count] + " " : "")report \(kind.commandWord) "
                    + "\(period.from) … \(period.to): \(answer.status.lowercased().replacingOccurrences(of: "_", with: " "))"
            )
            turn += 1
            try await Task.sleep(for: pause)
            pause = min(pause * 2, .seconds(2))
        }
    }

    /// A report row as a record: the documented keys in the documents' order, then any others.
    static func value(_ json: JSONValue, columns: [String] = []) -> Value {
        switch json {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
        case .string(let value): return .string(value)
        case .array(let items): return .list(items.map { value($0) })
        case .object(let values, let keys):
            var record = Record()
            let known = Set(columns)
            for key in columns + keys.filter({ !known.contains($0) }) {
                if let field = values[key] { record[key] = value(field) }
            }
            return .record(record)
        }
    }
}
