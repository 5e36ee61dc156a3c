/// A Saleshandy answer's envelope: `{message, payload}`.
public struct SaleshandyEnvelope<Payload: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var message: String?
    public var payload: Payload
    public init(message: String? = nil, payload: Payload) {
        self.message = message
        self.payload = payload
    }
}

/// A sequence as `GET /v1/sequences` lists it (docs/contract/saleshandy/sequences.md).
public struct SaleshandySequence: Codable, Sendable, Hashable {
    /// One of its steps, as the list names it.
    public struct StepReference: Codable, Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }
    /// The agency client it belongs to.
    public struct Client: Codable, Sendable, Hashable {
        public var id: String?
        public var companyName: String?
        public var firstName: String?
        public var lastName: String?
        public init(id: String? = nil, companyName: String? = nil, firstName: String? = nil, lastName: String? = nil) {
            self.id = id
            self.companyName = companyName
            self.firstName = firstName
            self.lastName = lastName
        }
    }
    /// Its owner.
    public struct User: Codable, Sendable, Hashable {
        public var id: Int?
        public var firstName: String?
        public var lastName: String?
        public var email: String?
        public init(id: Int? = nil, firstName: String? = nil, lastName: String? = nil, email: String? = nil) {
            self.id = id
            self.firstName = firstName
            self.lastName = lastName
            self.email = email
        }
    }

    public var id: String
    public var title: String
    public var active: Bool
    public var steps: [StepReference]
    public var client: Client?
    public var user: User?

    public init(
        id: String, title: String, active: Bool, steps: [StepReference], client: Client? = nil, user: User? = nil
    ) {
        self.id = id
        self.title = title
        self.active = active
        self.steps = steps
        self.client = client
        self.user = user
    }
}

/// `GET /v1/sequences`'s query: all optional.
public struct SaleshandySequenceQuery: Sendable, Hashable {
    public var sequenceName: String?
    public var pageSize: Int?
    public var page: Int?
    /// `ASC` or `DESC`.
    public var sort: String?
    /// `sequence.createdAt` or `sequence.title`.
    public var sortBy: String?
    public init(
        sequenceName: String? = nil, pageSize: Int? = nil, page: Int? = nil, sort: String? = nil,
        sortBy: String? = nil
    ) {
        self.sequenceName = sequenceName
        self.pageSize = pageSize
        self.page = page
        self.sort = sort
        self.sortBy = sortBy
    }

    /// The documented sort orders and keys.
    public static let sorts = ["ASC", "DESC"]
    public static let sortKeys = ["sequence.createdAt", "sequence.title"]

    /// `?sequenceName=…&pageSize=…`, percent-encoded, or "" when empty.
    public var queryString: String {
        let items: [(String, String?)] = [
            ("sequenceName", sequenceName), ("pageSize", pageSize.map(String.init)), ("page", page.map(String.init)),
            ("sort", sort), ("sortBy", sortBy),
        ]
        let parts = items.compactMap { name, value in value.map { "\(name)=\(ProspectQuery.encode($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

/// A step's channel: the `type` of `POST /v1/sequences/{id}/steps`, sent as its number.
public enum SaleshandyChannel: Int, Sendable, Hashable, CaseIterable, Codable {
    case email = 1
    case linkedinConnectionRequest = 2
    case linkedinMessage = 3
    case linkedinInMail = 4
    case linkedinViewProfile = 5
    case linkedinPostInteraction = 6
    case task = 9
    case callIntroduction = 11
    case callDemo = 12
    case callFollowUp = 13
    case callReminder = 14
    case callOther = 15
    case whatsappMessage = 16
    case whatsappVoiceMessage = 17
    case whatsappVoiceCall = 18

    /// Its name on the command line: `email`, `linkedin-message`, `call-demo`.
    public var name: String {
        switch self {
        case .email: "email"
        case .linkedinConnectionRequest: "linkedin-connection-request"
        case .linkedinMessage: "linkedin-message"
        case .linkedinInMail: "linkedin-inmail"
        case .linkedinViewProfile: "linkedin-view-profile"
        case .linkedinPostInteraction: "linkedin-post-interaction"
        case .task: "task"
        case .callIntroduction: "call-introduction"
        case .callDemo: "call-demo"
        case .callFollowUp: "call-follow-up"
        case .callReminder: "call-reminder"
        case .callOther: "call-other"
        case .whatsappMessage: "whatsapp-message"
        case .whatsappVoiceMessage: "whatsapp-voice-message"
        case .whatsappVoiceCall: "whatsapp-voice-call"
        }
    }

    /// The channel named `name` (as ``name`` writes it).
    public init?(name: String) {
        guard let channel = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = channel
    }

    /// The keys a variant's payload must have on this channel; other keys are refused.
    public var payloadKeys: (required: [String], optional: [String]) {
        switch self {
        case .email: (["subject", "content"], ["preheader"])
        case .linkedinConnectionRequest: (["connectionNote"], [])
        case .linkedinMessage: (["message"], [])
        case .linkedinInMail: (["subject", "message"], [])
        default: ([], [])
        }
    }

    /// How many variants a step on this channel may have (A/B…Z for email).
    public var maxVariants: Int { self == .email ? 26 : 1 }
}

/// One variant of a step: its payload by channel, attachments (email) and a task note (tasks).
public struct SaleshandyVariant: Codable, Sendable, Hashable {
    public var id: String?
    public var status: Int?
    public var payload: [String: String]
    public var attachmentIds: [String]?
    public var taskNote: String?
    public init(
        payload: [String: String], attachmentIds: [String]? = nil, taskNote: String? = nil, id: String? = nil,
        status: Int? = nil
    ) {
        self.payload = payload
        self.attachmentIds = attachmentIds
        self.taskNote = taskNote
        self.id = id
        self.status = status
    }
}

/// A step of a sequence, as `GET …/steps` and `POST …/steps` answer it.
public struct SaleshandyStep: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var number: Int
    public var absoluteDays: Int
    public var type: Int
    public var variants: [SaleshandyVariant]?
    public init(
        id: String, name: String, number: Int, absoluteDays: Int, type: Int, variants: [SaleshandyVariant]? = nil
    ) {
        self.id = id
        self.name = name
        self.number = number
        self.absoluteDays = absoluteDays
        self.type = type
        self.variants = variants
    }
}

/// The body of `POST /v1/sequences/{sequenceId}/steps`.
public struct SaleshandyStepRequest: Codable, Sendable, Hashable {
    public var type: Int
    public var absoluteDays: Int
    public var variants: [SaleshandyVariant]
    /// `Urgent`, `High`, `Normal` or `Low`.
    public var priority: String?
    public var assigneeId: String?
    public init(
        type: Int, absoluteDays: Int, variants: [SaleshandyVariant], priority: String? = nil, assigneeId: String? = nil
    ) {
        self.type = type
        self.absoluteDays = absoluteDays
        self.variants = variants
        self.priority = priority
        self.assigneeId = assigneeId
    }

    /// The documented priorities.
    public static let priorities = ["Urgent", "High", "Normal", "Low"]
}
