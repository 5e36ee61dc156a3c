import Foundation

/// The sandbox's notion of time: wall-clock seconds plus an offset tests can advance.
///
/// Batches resolve as time passes; state is computed from the time on each read, so no timers
/// run and tests move time forward instead of sleeping.
struct SandboxClock: Sendable {
    var offset: Double = 0
    var now: Double { Date().timeIntervalSince1970 + offset }
}
