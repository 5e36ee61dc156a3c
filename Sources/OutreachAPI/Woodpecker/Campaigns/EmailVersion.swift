/// One version (A–E) of an email step's message.
///
/// In requests `id` and `version` are absent; responses carry a 64-hex `id` and the letter.
/// A `subject` of null on a step that is not the first EMAIL step of its path sends the
/// message as a follow-up in the same thread.
public struct EmailVersion: Codable, Sendable, Hashable {
    public var id: String?
    public var version: String?
    public var subject: String?
    public var message: String?
    public var signature: Signature?
    public var track_opens: Bool?

    public init(
        id: String? = nil, version: String? = nil, subject: String? = nil, message: String? = nil,
        signature: Signature? = nil, track_opens: Bool? = nil
    ) {
        self.id = id
        self.version = version
        self.subject = subject
        self.message = message
        self.signature = signature
        self.track_opens = track_opens
    }

    /// The version letters, in the order versions are given.
    public static let letters = ["A", "B", "C", "D", "E"]
    /// The largest number of versions a step may have.
    public static let maxCount = 5

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(version, forKey: .version)
        try c.encode(subject, forKey: .subject)  // null is meaningful: a follow-up in the same thread
        try c.encodeIfPresent(message, forKey: .message)
        try c.encodeIfPresent(signature, forKey: .signature)
        try c.encodeIfPresent(track_opens, forKey: .track_opens)
    }
}

/// The body of `PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}`: a partial update.
public struct VersionPatch: Codable, Sendable, Hashable {
    public var subject: String?
    public var message: String?
    public var signature: Signature?
    public var track_opens: Bool?

    public init(subject: String? = nil, message: String? = nil, signature: Signature? = nil, track_opens: Bool? = nil) {
        self.subject = subject
        self.message = message
        self.signature = signature
        self.track_opens = track_opens
    }

    /// Whether the patch changes nothing.
    public var isEmpty: Bool { subject == nil && message == nil && signature == nil && track_opens == nil }
}
