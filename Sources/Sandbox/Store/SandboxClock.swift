import Foundation

/// The sandbox's notion of time: wall-clock seconds, run `speed` times as fast from the moment
/// the speed was set (`wps sandbox --clock-speed N`), plus an offset that `sandbox advance` and
/// tests move forward.
///
/// Batches resolve as time passes; state is computed from the time on each read, so tests move
/// time forward instead of sleeping. Webhook deliveries follow the same clock.
struct SandboxClock: Sendable {
    var offset: Double = 0
    /// Sandbox seconds per real second.
    private(set) var speed: Double = 1
    /// The wall-clock moment the speed took effect, and the sandbox time it was then.
    private var origin = Date().timeIntervalSince1970
    private var originTime = Date().timeIntervalSince1970

    var now: Double { originTime + (Date().timeIntervalSince1970 - origin) * speed + offset }

    /// From now on, `speed` sandbox seconds pass per real second (time never jumps back).
    mutating func setSpeed(_ speed: Double) {
        let current = now - offset
        origin = Date().timeIntervalSince1970
        originTime = current
        self.speed = speed
    }
}
