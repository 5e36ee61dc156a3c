import Testing

@testable import WPSRuntime

/// `--timeout`, `--interval` and `sleep` read durations by one rule.
@Suite struct ClockDurationTests {
    @Test func theFormsPeopleWrite() {
        #expect(ClockDuration.parse("500ms") == .milliseconds(500))
        #expect(ClockDuration.parse("2s") == .seconds(2))
        #expect(ClockDuration.parse("1.5s") == .milliseconds(1500))
        #expect(ClockDuration.parse("2m") == .seconds(120))
        #expect(ClockDuration.parse("1440m") == .seconds(86_400))
    }

    @Test func whatIsNotOne() {
        for text in ["", "0ms", "0s", "-1s", "5", "5x", "1441m", "3d", "13h", "nans", "infs", "1e99s", "ms"] {
            #expect(ClockDuration.parse(text) == nil, "\(text)")
        }
    }
}
