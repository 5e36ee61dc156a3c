/// The body of `POST /v1/sequences/prospects/import-with-field-name`
/// (docs/contract/saleshandy/prospects_import.md): prospects by field name into a step.
public struct SaleshandyProspectImport: Codable, Sendable, Hashable {
    /// One object per prospect, keyed by the account's field names (`Email`, `First Name`).
    public var prospectList: [[String: String]]
    /// The step the prospects enter (it decides the sequence).
    public var stepId: String
    /// `overwrite`, `noUpdate` or `addMissingFields`: what becomes of a prospect that exists.
    public var conflictAction: String
    public var verifyProspects: Bool?
    public var tags: [String]?

    public init(
        prospectList: [[String: String]], stepId: String, conflictAction: String, verifyProspects: Bool? = nil,
        tags: [String]? = nil
    ) {
        self.prospectList = prospectList
        self.stepId = stepId
        self.conflictAction = conflictAction
        self.verifyProspects = verifyProspects
        self.tags = tags
    }

    /// The documented conflict actions.
    public static let conflictActions = ["overwrite", "noUpdate", "addMissingFields"]
    /// The most prospects one request may hold.
    public static let maxProspects = 100_000
}

/// The answer to an import: `{message, payload: {requestId}}`.
public typealias SaleshandyImportAccepted = SaleshandyEnvelope<SaleshandyRequestID>

/// `{requestId}`.
public struct SaleshandyRequestID: Codable, Sendable, Hashable {
    public var requestId: String
    public init(requestId: String) { self.requestId = requestId }
}

/// `GET /v1/prospects/import-status/{requestId}`: whether the import is done, and the link to the
/// CSV of the prospects that failed. The page shows the fields at the top level, a live client
/// reads them under `payload`: both are read (top level first).
public struct SaleshandyImportStatus: Codable, Sendable, Hashable {
    public var isCompleted: Bool
    public var reportURL: String?

    public init(isCompleted: Bool, reportURL: String?) {
        self.isCompleted = isCompleted
        self.reportURL = reportURL
    }

    enum CodingKeys: String, CodingKey { case isCompleted, reportURL, failedProspectsURL, payload, message }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let done = try container.decodeIfPresent(Bool.self, forKey: .isCompleted) {
            isCompleted = done
            reportURL = try container.decodeIfPresent(String.self, forKey: .reportURL)
            return
        }
        let payload = try container.nestedContainer(keyedBy: CodingKeys.self, forKey: .payload)
        isCompleted = try payload.decode(Bool.self, forKey: .isCompleted)
        reportURL =
            try payload.decodeIfPresent(String.self, forKey: .reportURL)
            ?? payload.decodeIfPresent(String.self, forKey: .failedProspectsURL)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isCompleted, forKey: .isCompleted)
        try container.encode(reportURL, forKey: .reportURL)
    }
}
