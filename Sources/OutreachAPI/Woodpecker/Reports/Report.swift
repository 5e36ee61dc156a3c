import Foundation

/// The reports of API 2.0 (docs/contract/reports.md): which one, over which days, and the answers.
public enum ReportKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// General statistics, one row per campaign and sending mailbox.
    case campaigns
    /// Emails sent, by campaign, day, path, step and version.
    case messages
    /// Emails sent and opened, by campaign, day, mailbox, path, step and version.
    case open_rate
    /// The general metrics per campaign, step and version.
    case complete_statistics_for_each_level_of_campaign

    /// The words wps uses: `campaigns`, `messages`, `open-rate`, `steps`.
    public var commandWord: String {
        switch self {
        case .campaigns: "campaigns"
        case .messages: "messages"
        case .open_rate: "open-rate"
        case .complete_statistics_for_each_level_of_campaign: "steps"
        }
    }

    /// The metrics of the general statistics, in the sample's order.
    public static let metrics = [
        "contacted_prospects", "bounced", "bounced_rate", "opened", "open_rate", "clicked", "opt_out", "delivered",
        "responded", "response_rate", "interested", "maybe_later", "not_interested",
    ]

    /// A row's keys in the documents' order (docs/contract/reports.md, gap 29 for the last three).
    public var columns: [String] {
        switch self {
        case .campaigns: ["id", "name", "status", "sent_from"] + Self.metrics
        case .messages: ["id", "name", "date", "path", "step", "version", "sent"]
        case .open_rate: ["id", "name", "date", "sent_from", "path", "step", "version", "sent", "opened", "open_rate"]
        case .complete_statistics_for_each_level_of_campaign:
            ["id", "name", "status", "step", "version"] + Self.metrics
        }
    }

    /// The name the report's description starts with.
    public var descriptionName: String {
        switch self {
        case .campaigns: "General_statistics_per_campaign"
        case .messages: "Messages_sent_from_each_level_of_campaign"
        case .open_rate: "Open_rate_per_campaign"
        case .complete_statistics_for_each_level_of_campaign: "Complete_statistics_for_each_level_of_campaign"
        }
    }
}

/// The body of `POST /rest/v2/reports/{type}`: the first and last day, `YYYY-MM-DD`, UTC.
public struct ReportPeriod: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }
}

/// The answer of `POST /rest/v2/reports/{type}`: the hash to fetch the report with, and, from
/// the sandbox, its clock (`X-Sandbox-Clock`, seconds since 1970), which `sandbox advance` may
/// have moved days ahead of the caller's.
public struct ReportHash: Sendable, Hashable, Codable {
    public var hash: String
    /// The sandbox's clock when it answered; nil from the real API.
    public var serverClock: Double?

    public init(hash: String, serverClock: Double? = nil) {
        self.hash = hash
        self.serverClock = serverClock
    }

    private enum CodingKeys: String, CodingKey { case hash }

    /// The header the sandbox tells its clock in.
    public static let clockHeader = "X-Sandbox-Clock"
}

/// The answer of `GET /rest/v2/reports/{hash}`: a status, and once `READY` the report.
public struct ReportAnswer: Sendable, Hashable, Codable {
    /// The report: what it is and its rows.
    public struct Content: Sendable, Hashable, Codable {
        public var description: String
        public var data: [JSONValue]
        public init(description: String, data: [JSONValue]) {
            self.description = description
            self.data = data
        }
    }
    public var status: String
    public var report: Content?
    public init(status: String, report: Content? = nil) {
        self.status = status
        self.report = report
    }
    public var isReady: Bool { status == "READY" }
    /// Whether the report will never be ready (gap 26: the client stops on these).
    public var hasFailed: Bool { status == "FAILED" || status == "ERROR" }
}

extension Woodpecker {
    /// `POST /rest/v2/reports/{type}` — asks for a report over `{from, to}`; answers `{hash}`.
    public struct RequestReport: WoodpeckerMailboxEndpoint {
        public var kind: ReportKind
        public var body: ReportPeriod?
        public init(_ kind: ReportKind, _ period: ReportPeriod) {
            self.kind = kind
            self.body = period
        }
        public var method: HTTPMethod { .post }
        public var path: String { "reports/\(kind.rawValue)" }
        /// Asking twice only makes a second hash.
        public var isIdempotent: Bool { true }
        public func validate() -> [ValidationProblem] { body.map { Validation.reportPeriod($0) } ?? [] }
        public typealias Success = ReportHash

        /// The hash, with the sandbox's clock where it tells it.
        public static func success(from response: TransportResponse) throws -> ReportHash? {
            guard (200..<300).contains(response.status) else { return nil }
            var answer = try JSONDecoder().decode(ReportHash.self, from: Data(response.body))
            answer.serverClock = response.headers[ReportHash.clockHeader.lowercased()].flatMap {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            return answer
        }
    }

    /// `GET /rest/v2/reports/{hash}` — the report's status, and its data once `READY`.
    public struct GetReport: WoodpeckerMailboxEndpoint {
        public typealias Body = NoContent
        public typealias Success = ReportAnswer
        public var hash: String
        public init(hash: String) { self.hash = hash }
        public var method: HTTPMethod { .get }
        public var path: String { "reports/\(hash)" }
    }
}
