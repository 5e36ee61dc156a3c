/// A node of a campaign's step tree: `START` at the root, then `EMAIL` steps, each with an
/// optional `followup`.
///
/// ```
/// START → EMAIL (versions A, B) → wait 3 days → EMAIL (version A, subject null)
/// ```
/// In responses every step has a UUID `id`.
public struct Step: Codable, Sendable, Hashable {
    public var id: String?
    public var type: StepType
    public var delivery_time: DeliveryTime?
    public var body: StepBody?
    /// How long to wait before this step's `followup` fires; absent means 1 DAY.
    public var followup_after: FollowupAfter?
    private var next: Indirect<Step>?

    /// The step that follows this one, if any.
    public var followup: Step? {
        get { next?.value }
        set { next = newValue.map(Indirect.init) }
    }

    public init(
        id: String? = nil, type: StepType, delivery_time: DeliveryTime? = nil, body: StepBody? = nil,
        followup_after: FollowupAfter? = nil, followup: Step? = nil
    ) {
        self.id = id
        self.type = type
        self.delivery_time = delivery_time
        self.body = body
        self.followup_after = followup_after
        self.next = followup.map(Indirect.init)
    }

    /// A START step leading to `first`.
    public static func start(_ first: Step, id: String? = nil) -> Step {
        Step(id: id, type: .start, followup: first)
    }

    /// An EMAIL step.
    public static func email(
        versions: [EmailVersion], deliveryTime: DeliveryTime, followupAfter: FollowupAfter? = nil, followup: Step? = nil
    ) -> Step {
        Step(
            type: .email, delivery_time: deliveryTime, body: StepBody(versions: versions),
            followup_after: followupAfter, followup: followup)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, delivery_time, body, followup_after, followup
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        type = try c.decode(StepType.self, forKey: .type)
        delivery_time = try c.decodeIfPresent(DeliveryTime.self, forKey: .delivery_time)
        body = try c.decodeIfPresent(StepBody.self, forKey: .body)
        followup_after = try c.decodeIfPresent(FollowupAfter.self, forKey: .followup_after)
        next = try c.decodeIfPresent(Step.self, forKey: .followup).map(Indirect.init)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(delivery_time, forKey: .delivery_time)
        try c.encodeIfPresent(body, forKey: .body)
        try c.encodeIfPresent(followup_after, forKey: .followup_after)
        try c.encode(followup, forKey: .followup)
    }

    /// This step and every step after it, in order (the tree is a single path).
    public var path: [Step] {
        var result: [Step] = [self]
        var current = followup
        while let step = current {
            result.append(step)
            current = step.followup
        }
        return result
    }

    /// The last step of the path (the only leaf).
    public var leaf: Step { path.last ?? self }

    /// The step with the given id in this step's path, if any.
    public func find(id: String) -> Step? { path.first { $0.id == id } }
}

/// The body of an EMAIL step: one to five versions.
public struct StepBody: Codable, Sendable, Hashable {
    public var versions: [EmailVersion]
    public init(versions: [EmailVersion]) { self.versions = versions }
}

/// How long to wait before a step's follow-up fires: `{"range": "DAY", "value": 3}`.
///
/// Each field has its own documented default (`range` DAY, `value` 1), applied separately when
/// decoding: `{"range": "HOUR"}` is 1 HOUR, `{"value": 5}` is 5 DAY, `{}` is 1 DAY.
public struct FollowupAfter: Codable, Sendable, Hashable {
    public var range: FollowupRange
    public var value: Int
    public init(range: FollowupRange = FollowupAfter.defaultRange, value: Int = FollowupAfter.defaultValue) {
        self.range = range
        self.value = value
    }

    /// The documented default of `range`.
    public static let defaultRange = FollowupRange.day
    /// The documented default of `value`.
    public static let defaultValue = 1

    enum CodingKeys: String, CodingKey {
        case range, value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        range = try c.decodeIfPresent(FollowupRange.self, forKey: .range) ?? Self.defaultRange
        value = try c.decodeIfPresent(Int.self, forKey: .value) ?? Self.defaultValue
    }

    /// The documented default of the whole object: 1 DAY.
    public static let `default` = FollowupAfter()
    /// The largest value (the API requires `value < 10000`).
    public static let maxValue = 9999
}
