import Hummingbird
import OutreachAPI

/// The sandbox's own clock routes (a sandbox extension, not Woodpecker's): `GET
/// /rest/v2/sandbox/clock` tells the sandbox time, `POST /rest/v2/sandbox/clock/advance?by=3h`
/// moves it forward for every account (`s`, `m`, `h` or `d`; at most 365 days a call) and runs a
/// webhook delivery pass at once, so replies and their webhooks arrive in seconds.
struct ClockRoutes {
    let store: SandboxStore
    let pusher: WebhookPusher?

    /// The time, as the v1 records write it, and in seconds since 1970.
    struct ClockTime: Codable, Sendable {
        var now: String
        var seconds: Double
    }

    func register(on router: Router<SandboxContext>) {
        router.get("rest/v2/sandbox/clock") { request, _ in
            _ = try request.apiKey()
            let now = await store.now
            return try json(ClockTime(now: SandboxTime.v1Text(now), seconds: now.rounded(.down)))
        }
        router.post("rest/v2/sandbox/clock/advance") { request, _ in
            _ = try request.apiKey()
            let text = request.uri.queryParameters.get("by") ?? ""
            guard let seconds = Self.seconds(text) else {
                throw SandboxError(
                    status: .badRequest,
                    body: .problem(
                        title: "Bad Request",
                        detail: "by: a duration such as 90s, 30m, 3h or 2d (at most 365d), got '\(text)'"))
            }
            await store.advanceClock(by: .seconds(seconds))
            await pusher?.pass()
            let now = await store.now
            return try json(ClockTime(now: SandboxTime.v1Text(now), seconds: now.rounded(.down)))
        }
    }

    /// A move forward: more than 0, at most ``SandboxClockTime/maxAdvance``.
    static func seconds(_ text: String) -> Int? {
        SandboxClockTime.seconds(text, upTo: SandboxClockTime.maxAdvance).flatMap { $0 > 0 ? $0 : nil }
    }
}
