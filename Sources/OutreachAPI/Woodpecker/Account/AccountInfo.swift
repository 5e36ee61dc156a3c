/// Who an API key belongs to (`GET /rest/v1/me`); used to check a profile.
public struct AccountInfo: Codable, Sendable, Hashable {
    public var id: Int
    public var email: String
    public var company: String?
    public init(id: Int, email: String, company: String? = nil) {
        self.id = id
        self.email = email
        self.company = company
    }
}
