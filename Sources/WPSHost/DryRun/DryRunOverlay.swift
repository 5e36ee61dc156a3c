import Foundation
import OutreachAPI
import Sandbox
import Synchronization

/// Where a dry run keeps what it "did": an account of its own in a private in-process sandbox.
///
/// Its ids are raised by ``idFloor`` so they cannot be mistaken for the real account's, and a read
/// naming one is answered here (`campaign new … ; campaign get $c.id` works in a dry run). A
/// campaign of the real account that a dry run writes to is first copied here as the account
/// holds it (``seedBeforeWriting(_:reading:timeout:)``), so the write is answered as the API would
/// answer it, and later reads of that campaign show the dry run's changes.
///
/// One overlay serves a whole `wps --dry-run` run; each MCP `dry_run` call gets its own.
public final class DryRunOverlay: Sendable {
    /// Every id the overlay gives out is at least this.
    public static let idFloor = 9_000_000_000
    /// The API key a provider without one gets in a dry run, so its requests can be shown; a
    /// request carrying it has no account behind it, and the overlay answers all of it.
    public static let placeholderKey = "dry-run"

    let sandbox: RunningSandbox
    /// The overlay's account in the sandbox (its API key there).
    let accountKey: String
    /// Real campaigns copied in, by base URL and id; their reads are answered here from then on.
    private let seeded = Mutex<Set<String>>([])
    /// Whether the "no account behind it" notice was given.
    private let noticeGiven = Mutex(false)
    /// Text ids the overlay's answers to writes handed out (a report's hash, a Saleshandy
    /// request id): a read naming one is answered here.
    private let tokens = Mutex<Set<String>>([])
    /// Whether anything was written to the overlay: only then do listings merge in its items.
    private let written = Mutex(false)

    public init(sandbox: RunningSandbox, accountKey: String) {
        self.sandbox = sandbox
        self.accountKey = accountKey
    }

    /// Starts the sandbox overlays live in: no processing delay, no rate limit, any mailbox id
    /// accepted (it cannot know the real account's), ids from ``idFloor`` up.
    public static func startSandbox() async throws -> RunningSandbox {
        var configuration = SandboxConfiguration()
        configuration.port = 0
        configuration.processingDelay = .zero
        configuration.rateLimit = false
        configuration.acceptsAnyAccountID = true
        configuration.idOffset = idFloor
        return try await SandboxServer.start(configuration)
    }

    /// The URL a request is answered at in the overlay.
    func url(for route: PreparedRequest.Route) -> String {
        OutreachClient.resolve(route.path, against: sandbox.baseURL(for: route.provider))
    }

    /// Whether a read belongs to the overlay: it names an id the overlay gave out, or a real
    /// campaign the dry run has written to.
    func owns(_ route: PreparedRequest.Route) -> Bool {
        if Self.numbers(in: route.path).contains(where: { $0 >= Self.idFloor }) { return true }
        let path = Self.pathOnly(route.path)
        let segments = Set(path.split(separator: "/").map(String.init))
        if tokens.withLock({ !$0.isDisjoint(with: segments) }) { return true }
        return seeded.withLock { seeded in
            seeded.contains { key in
                let (base, prefix) = Self.split(key)
                return base == route.base && (path == prefix || path.hasPrefix(prefix + "/"))
            }
        }
    }

    /// Says once, through `notice`, that a provider without a key has no account behind its
    /// answers.
    func noteNoAccount(_ provider: Provider, _ notice: @Sendable (String) -> Void) {
        let first = noticeGiven.withLock { given in
            defer { given = true }
            return !given
        }
        if first {
            notice(
                "dry run: no API key for \(provider.rawValue), so nothing is read from an account: "
                    + "a private, empty sandbox answers every request")
        }
    }

    /// Copies into the overlay each real campaign `request` writes to (its path's
    /// `campaigns/{id}`, or a v1 body's `campaign_id`), read from the account with the request's
    /// own key. A campaign the account does not have is not copied: the overlay then answers 404,
    /// as the account would.
    func seedBeforeWriting(_ request: PreparedRequest, reading network: any HTTPTransport, timeout: Duration)
        async throws
    {
        guard let route = request.route else { return }
        for id in Self.campaignIDs(in: request) where id < Self.idFloor {
            let key = route.base + " campaigns/\(id)"
            if seeded.withLock({ $0.contains(key) }) { continue }
            let read = PreparedRequest(
                method: .get, url: OutreachClient.resolve("campaigns/\(id)", against: route.base),
                headers: request.headers.filter { $0.name.lowercased() != "content-type" }, body: nil,
                endpoint: "GET campaigns/{id}",
                route: .init(provider: route.provider, base: route.base, path: "campaigns/\(id)"))
            let answer = try await network.send(read, timeout: timeout)
            guard answer.status == 200, let campaign = try? JSONCoding.decode(Campaign.self, from: Data(answer.body))
            else { continue }
            try await sandbox.store.seed(campaign, key: accountKey)
            seeded.withLock { _ = $0.insert(key) }
        }
    }

    /// Notes what an answer to a write handed out: text ids (`hash`, `id`, `…_id`, `requestId`)
    /// that a later read may name.
    func remember(answerTo request: PreparedRequest, _ response: TransportResponse) {
        written.withLock { $0 = true }
        guard (200..<300).contains(response.status), response.body.count < 1 << 20,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body))
        else { return }
        var found: [String] = []
        Self.collectTokens(in: object, into: &found, depth: 0)
        if !found.isEmpty { tokens.withLock { $0.formUnion(found) } }
    }

    private static func collectTokens(in value: Any, into found: inout [String], depth: Int) {
        guard depth < 4 else { return }
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                let lower = key.lowercased()
                if let text = inner as? String, text.count >= 4,
                    lower == "id" || lower == "hash" || lower.hasSuffix("_id") || lower.hasSuffix("id")
                {
                    found.append(text)
                }
                collectTokens(in: inner, into: &found, depth: depth + 1)
            }
        } else if let array = value as? [Any] {
            for inner in array.prefix(100) { collectTokens(in: inner, into: &found, depth: depth + 1) }
        }
    }

    /// Whether a listing should also show what the overlay holds.
    var hasWritten: Bool { written.withLock { $0 } }

    /// A listing of the account with the overlay's own listing merged in: an item the overlay
    /// also holds (a real campaign the dry run changed) as the overlay has it, then the items
    /// the dry run made. Anything but two plain JSON arrays of objects is the account's answer.
    static func merged(_ account: TransportResponse, _ overlay: TransportResponse) -> TransportResponse {
        guard account.status == 200, overlay.status == 200, account.headers["x-total-count"] == nil,
            let real = try? JSONSerialization.jsonObject(with: Data(account.body)) as? [Any],
            let made = try? JSONSerialization.jsonObject(with: Data(overlay.body)) as? [[String: Any]],
            !made.isEmpty
        else { return account }
        func key(_ item: Any) -> String? { ((item as? [String: Any])?["id"]).map { "\($0)" } }
        var byID: [String: [String: Any]] = [:]
        for item in made { if let id = key(item) { byID[id] = item } }
        var items: [Any] = real.map { key($0).flatMap { byID[$0] } ?? $0 }
        let shown = Set(real.compactMap(key))
        items += made.filter { key($0).map { !shown.contains($0) } ?? true }
        guard let body = try? JSONSerialization.data(withJSONObject: items) else { return account }
        var answer = account
        answer.body = Array(body)
        return answer
    }

    /// The campaigns a write names: `campaigns/{id}` in its path, `campaign_id` in its body.
    static func campaignIDs(in request: PreparedRequest) -> [Int] {
        var ids: [Int] = []
        if let path = request.route?.path {
            let parts = pathOnly(path).split(separator: "/")
            for (index, part) in parts.enumerated() where part == "campaigns" && index + 1 < parts.count {
                if let id = Int(parts[index + 1]) { ids.append(id) }
            }
        }
        if let body = request.body, let object = try? JSONSerialization.jsonObject(with: body) {
            collect("campaign_id", in: object, into: &ids)
        }
        return ids
    }

    private static func collect(_ name: String, in value: Any, into ids: inout [Int]) {
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                if key == name, let id = (inner as? NSNumber)?.intValue { ids.append(id) }
                collect(name, in: inner, into: &ids)
            }
        } else if let array = value as? [Any] {
            for inner in array { collect(name, in: inner, into: &ids) }
        }
    }

    /// Every whole number in a path and its query (`campaigns/9000777001/steps?x=1,2`).
    static func numbers(in path: String) -> [Int] {
        path.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    }

    static func pathOnly(_ path: String) -> String {
        String(path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    private static func split(_ key: String) -> (base: String, path: String) {
        let parts = key.split(separator: " ", maxSplits: 1)
        return (String(parts.first ?? ""), String(parts.count > 1 ? parts[1] : ""))
    }
}
