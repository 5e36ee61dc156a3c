/// Saleshandy's Open API: connecting sending email accounts and polling the request's status;
/// sequences and their steps.
public enum Saleshandy {
    /// `POST email-accounts/connect` — start connecting accounts; answers a request id.
    public struct ConnectEmailAccounts: SaleshandyEndpoint {
        public static let successStatuses: Set<Int> = [200, 201]
        public var body: [SaleshandyEmailAccount]?
        public init(_ accounts: [SaleshandyEmailAccount]) { self.body = accounts }
        public var method: HTTPMethod { .post }
        public var path: String { "email-accounts/connect" }
        public func validate() -> [ValidationProblem] { body.map(Validation.saleshandyAccounts) ?? [] }
        public typealias Success = SaleshandyConnectAccepted
    }

    /// `GET email-accounts/connect/status/{requestId}` — progress, then per-account results.
    public struct GetConnectStatus: SaleshandyEndpoint {
        public var requestID: String
        public init(requestID: String) { self.requestID = requestID }
        public var method: HTTPMethod { .get }
        public var path: String { "email-accounts/connect/status/\(requestID)" }
        public typealias Body = NoContent
        public typealias Success = SaleshandyConnectStatus
    }

    /// `GET sequences` — the account's sequences with their steps' ids and names.
    public struct ListSequences: SaleshandyEndpoint {
        public var query: SaleshandySequenceQuery
        public init(_ query: SaleshandySequenceQuery = SaleshandySequenceQuery()) { self.query = query }
        public var method: HTTPMethod { .get }
        public var path: String { "sequences" + query.queryString }
        public func validate() -> [ValidationProblem] { Validation.saleshandySequenceQuery(query) }
        public typealias Body = NoContent
        public typealias Success = SaleshandyEnvelope<[SaleshandySequence]>
    }

    /// `GET sequences/{sequenceId}/steps` — one sequence's steps with their variants.
    public struct GetSequenceSteps: SaleshandyEndpoint {
        public var sequenceID: String
        public init(sequenceID: String) { self.sequenceID = sequenceID }
        public var method: HTTPMethod { .get }
        public var path: String { "sequences/\(ProspectQuery.encode(sequenceID))/steps" }
        public typealias Body = NoContent
        public typealias Success = SaleshandyEnvelope<[SaleshandyStep]>
    }

    /// `POST sequences/{sequenceId}/steps` — adds a step on a day of the sequence.
    public struct AddSequenceStep: SaleshandyEndpoint {
        public static let successStatuses: Set<Int> = [200, 201]
        public var sequenceID: String
        public var body: SaleshandyStepRequest?
        public init(sequenceID: String, _ step: SaleshandyStepRequest) {
            self.sequenceID = sequenceID
            self.body = step
        }
        public var method: HTTPMethod { .post }
        public var path: String { "sequences/\(ProspectQuery.encode(sequenceID))/steps" }
        public func validate() -> [ValidationProblem] { body.map(Validation.saleshandyStep) ?? [] }
        public typealias Success = SaleshandyEnvelope<SaleshandyStep>
    }

    /// `POST sequences/prospects/import-with-field-name` — up to 100,000 prospects into a step;
    /// answers a request id at once, the import runs on.
    public struct ImportProspects: SaleshandyEndpoint {
        public static let successStatuses: Set<Int> = [200, 201]
        public var body: SaleshandyProspectImport?
        public init(_ request: SaleshandyProspectImport) { self.body = request }
        public var method: HTTPMethod { .post }
        public var path: String { "sequences/prospects/import-with-field-name" }
        public func validate() -> [ValidationProblem] { body.map(Validation.saleshandyProspectImport) ?? [] }
        public typealias Success = SaleshandyImportAccepted
    }

    /// `GET prospects/import-status/{requestId}` — whether an import is done, and its report.
    public struct GetImportStatus: SaleshandyEndpoint {
        public var requestID: String
        public init(requestID: String) { self.requestID = requestID }
        public var method: HTTPMethod { .get }
        public var path: String { "prospects/import-status/\(ProspectQuery.encode(requestID))" }
        public typealias Body = NoContent
        public typealias Success = SaleshandyImportStatus
    }

    /// `GET prospects` — a page of the account's prospects.
    public struct ListProspects: SaleshandyEndpoint {
        public var query: SaleshandyProspectQuery
        public init(_ query: SaleshandyProspectQuery = SaleshandyProspectQuery()) { self.query = query }
        public var method: HTTPMethod { .get }
        public var path: String { "prospects" + query.queryString }
        public func validate() -> [ValidationProblem] { Validation.saleshandyProspectQuery(query) }
        public typealias Body = NoContent
        public typealias Success = SaleshandyEnvelope<[SaleshandyProspect]>
    }

    /// `PATCH prospects/status` — prospects' status in sequences (replied, finished, paused,
    /// unsubscribed, active).
    public struct ChangeProspectStatus: SaleshandyEndpoint {
        public var body: SaleshandyStatusChange?
        public init(_ change: SaleshandyStatusChange) { self.body = change }
        public var method: HTTPMethod { .patch }
        public var path: String { "prospects/status" }
        public func validate() -> [ValidationProblem] { body.map(Validation.saleshandyStatusChange) ?? [] }
        public typealias Success = SaleshandyEnvelope<SaleshandyStatusCounts>
    }

    /// `POST analytics/stats` — one sequence's prospect and email counts (a read, sent as a POST).
    public struct SequenceStats: SaleshandyEndpoint {
        public var body: SaleshandyStatsRequest?
        public init(sequenceID: String) { self.body = SaleshandyStatsRequest(sequenceId: sequenceID) }
        public var method: HTTPMethod { .post }
        public var path: String { "analytics/stats" }
        public var isIdempotent: Bool { true }
        public func validate() -> [ValidationProblem] {
            var problems = ProblemList()
            problems.requiredText(body?.sequenceId, "sequenceId")
            return problems.items
        }
        public typealias Success = SaleshandyEnvelope<SaleshandySequenceStats>
    }

    /// `GET dnc` — the do-not-contact lists (answered wrapped twice: `{payload: {message, payload}}`).
    public struct ListDNCLists: SaleshandyEndpoint {
        public var search: String?
        public init(search: String? = nil) { self.search = search }
        public var method: HTTPMethod { .get }
        public var path: String {
            "dnc?pageSize=100&page=1&sort=DESC&sortBy=updatedAt"
                + (search.map { "&search=\(ProspectQuery.encode($0))" } ?? "")
        }
        public typealias Body = NoContent
        public typealias Success = SaleshandyEnvelope<SaleshandyEnvelope<[SaleshandyDNCList]>>
    }

    /// `GET dnc/item/search` — the lists holding a value, with the matching items.
    public struct SearchDNC: SaleshandyEndpoint {
        public var search: String
        /// `all`, `email` or `domain`.
        public var type: String
        public init(search: String, type: String = "all") {
            self.search = search
            self.type = type
        }
        public var method: HTTPMethod { .get }
        public var path: String {
            "dnc/item/search?search=\(ProspectQuery.encode(search))&type=\(type)&pageSize=100&page=1"
        }
        public func validate() -> [ValidationProblem] {
            var problems = ProblemList()
            problems.requiredText(search, "search")
            if !["all", "email", "domain"].contains(type) {
                problems.add("type", "must be all, email or domain, got \(type)")
            }
            return problems.items
        }
        public typealias Body = NoContent
        public typealias Success = SaleshandyEnvelope<SaleshandyDNCSearch>
    }

    /// `POST dnc` — emails and domains onto a list.
    public struct AddToDNC: SaleshandyEndpoint {
        public static let successStatuses: Set<Int> = [200, 201]
        public var body: SaleshandyDNCAdd?
        public init(_ add: SaleshandyDNCAdd) { self.body = add }
        public var method: HTTPMethod { .post }
        public var path: String { "dnc" }
        public func validate() -> [ValidationProblem] { body.map(Validation.saleshandyDNCAdd) ?? [] }
        public typealias Success = SaleshandyEnvelope<SaleshandyDNCAdded>
    }

    /// `POST email-accounts` — a page of the email accounts (a read, its filters in the body).
    public struct ListEmailAccounts: SaleshandyEndpoint {
        public var body: SaleshandyAccountQuery?
        public init(_ query: SaleshandyAccountQuery) { self.body = query }
        public var method: HTTPMethod { .post }
        public var path: String { "email-accounts" }
        public var isIdempotent: Bool { true }
        public func validate() -> [ValidationProblem] {
            var problems = ProblemList()
            problems.range(body?.pageSize, 1...100, "pageSize", required: false)
            problems.range(body?.page, 1...Int.max, "page", required: false)
            return problems.items
        }
        public typealias Success = SaleshandyAccountList
    }

    /// `POST email-accounts/reconnect` — reconnects accounts; answers a request id, watched like a
    /// connect's.
    public struct ReconnectEmailAccounts: SaleshandyEndpoint {
        public var body: SaleshandyReconnect?
        public init(ids: [String]) { self.body = SaleshandyReconnect(emailAccountIds: ids) }
        public var method: HTTPMethod { .post }
        public var path: String { "email-accounts/reconnect" }
        public func validate() -> [ValidationProblem] {
            var problems = ProblemList()
            if body?.emailAccountIds.isEmpty ?? true { problems.add("emailAccountIds", "must hold at least one id") }
            for (index, id) in (body?.emailAccountIds ?? []).enumerated() {
                problems.requiredText(id, "emailAccountIds[\(index)]")
            }
            return problems.items
        }
        public typealias Success = SaleshandyConnectAccepted
    }

    /// `POST webhook/create` — one webhook: a URL, its events and headers.
    public struct CreateWebhook: SaleshandyEndpoint {
        public static let successStatuses: Set<Int> = [200, 201]
        public var body: SaleshandyWebhookCreate?
        public init(_ create: SaleshandyWebhookCreate) { self.body = create }
        public var method: HTTPMethod { .post }
        public var path: String { "webhook/create" }
        public func validate() -> [ValidationProblem] { body.map(Validation.saleshandyWebhook) ?? [] }
        public typealias Success = SaleshandyEnvelope<SaleshandyWebhook>
    }

    /// `GET webhook` — the account's webhooks (100 a page).
    public struct ListWebhooks: SaleshandyEndpoint {
        public var page: Int
        public init(page: Int = 1) { self.page = page }
        public var method: HTTPMethod { .get }
        public var path: String { "webhook?pageSize=100&page=\(page)" }
        public typealias Body = NoContent
        public typealias Success = SaleshandyEnvelope<[SaleshandyWebhook]>
    }
}
