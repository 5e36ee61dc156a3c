extension Woodpecker {
    /// `POST mailboxes/manual_connection/bulk` — submit up to 200 SMTP/IMAP mailboxes; `202 {batch_id}`.
    public struct SubmitManualBatch: WoodpeckerMailboxEndpoint {
        public static let successStatuses: Set<Int> = [202]
        public static let errorShape = ErrorShape.codeDetails
        public var body: ManualBulkRequest?
        public init(_ body: ManualBulkRequest) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "mailboxes/manual_connection/bulk" }
        public func validate() -> [ValidationProblem] { body.map(Validation.manualBulk) ?? [] }
        public typealias Success = BatchAccepted
    }

    /// `GET mailboxes/manual_connection/bulk/{batch_id}/summary` — a batch's progress; bodiless 404 when unknown.
    public struct GetBatchSummary: WoodpeckerMailboxEndpoint {
        public static let errorShape = ErrorShape.none
        public var batchID: Int
        public init(batchID: Int) { self.batchID = batchID }
        public var method: HTTPMethod { .get }
        public var path: String { "mailboxes/manual_connection/bulk/\(batchID)/summary" }
        public typealias Body = NoContent
        public typealias Success = BatchSummary
    }

    /// `POST mailboxes/microsoft/bulk` — connect Microsoft mailboxes (Graph app-only); 201 or 207.
    public struct ConnectMicrosoftMailboxes: WoodpeckerMailboxEndpoint {
        public static let successStatuses: Set<Int> = [201, 207]
        public var body: MicrosoftBulkRequest?
        public init(_ body: MicrosoftBulkRequest) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "mailboxes/microsoft/bulk" }
        public func validate() -> [ValidationProblem] { body.map(Validation.microsoftBulk) ?? [] }
        public typealias Success = [MicrosoftMailboxResult]
    }

    /// `GET mailboxes` — every connected mailbox (SMTP and IMAP entries).
    public struct ListMailboxes: WoodpeckerMailboxEndpoint {
        public init() {}
        public var method: HTTPMethod { .get }
        public var path: String { "mailboxes" }
        public typealias Body = NoContent
        public typealias Success = [Mailbox]
    }

    /// `GET mailboxes/{id}` — one connected mailbox.
    public struct GetMailbox: WoodpeckerMailboxEndpoint {
        public var id: Int
        public init(id: Int) { self.id = id }
        public var method: HTTPMethod { .get }
        public var path: String { "mailboxes/\(id)" }
        public typealias Body = NoContent
        public typealias Success = Mailbox
    }

    /// `GET /rest/v1/me` — who the API key belongs to.
    public struct GetAccountInfo: WoodpeckerMailboxEndpoint {
        public init() {}
        public var method: HTTPMethod { .get }
        public var path: String { "../v1/me" }
        public typealias Body = NoContent
        public typealias Success = AccountInfo
    }
}
