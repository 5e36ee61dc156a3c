/// Saleshandy's Open API: connecting sending email accounts and polling the request's status.
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
}
