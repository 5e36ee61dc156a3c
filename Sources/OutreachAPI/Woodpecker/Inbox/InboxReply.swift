/// The body of `POST /rest/v2/inbox/messages/{id}/reply` (docs/contract/inbox.md): `body.html`
/// is the only required field; the others default to the original message's mailbox, author
/// and subject (`Re: …`).
public struct InboxReply: Codable, Sendable, Hashable {
    /// The reply's content.
    public struct Content: Codable, Sendable, Hashable {
        public var html: String?
        public init(html: String?) { self.html = html }
    }

    /// The SMTP mailbox to send from.
    public var mailbox_id: Int?
    /// Recipient address(es), separated by commas.
    public var to: String?
    public var cc: String?
    public var bcc: String?
    public var subject: String?
    public var body: Content?
    public var quote_original_message: Bool?

    public init(
        html: String?, mailbox_id: Int? = nil, to: String? = nil, cc: String? = nil, bcc: String? = nil,
        subject: String? = nil, quote_original_message: Bool? = nil
    ) {
        self.mailbox_id = mailbox_id
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.body = Content(html: html)
        self.quote_original_message = quote_original_message
    }
}
