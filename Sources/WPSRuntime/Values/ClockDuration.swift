/// A short clock duration as people write one: `500ms`, `2s`, `1.5s`, `2m` — one rule for
/// `--timeout`, `--interval` and `sleep`. (A campaign's wait, `3d` or `13h`, is another: what the
/// API's `followup_after` can hold; see `CommandChecker.duration`.)
public enum ClockDuration {
    /// The duration, if `text` is one from 1 ms to `maximum`.
    public static func parse(_ text: String, maximum: Duration = .seconds(86_400)) -> Duration? {
        let duration: Duration
        if text.hasSuffix("ms"), let value = Int(text.dropLast(2)) {
            duration = .milliseconds(value)
        } else if text.hasSuffix("s"), let value = Double(text.dropLast()), value.isFinite, value < 1e9 {
            duration = .milliseconds(Int((value * 1000).rounded()))
        } else if text.hasSuffix("m"), let value = Int(text.dropLast()), value < 1_000_000 {
            duration = .seconds(value * 60)
        } else {
            return nil
        }
        return duration >= .milliseconds(1) && duration <= maximum ? duration : nil
    }

    /// `duration` as ``parse(_:maximum:)`` reads it back: `30m`, `90s`, `1.5s`, `250ms`.
    public static func text(_ duration: Duration) -> String {
        let milliseconds = Int(duration / .milliseconds(1))
        if milliseconds % 60_000 == 0, milliseconds > 0 { return "\(milliseconds / 60_000)m" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        if milliseconds >= 1000 { return "\(Double(milliseconds) / 1000)s" }
        return "\(milliseconds)ms"
    }
}
