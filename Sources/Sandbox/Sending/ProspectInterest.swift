/// The interest level a reply is marked with.
enum ProspectInterest: String, Sendable, Hashable, Codable {
    case interested = "INTERESTED"
    case maybeLater = "MAYBE_LATER"
    case notInterested = "NOT_INTERESTED"
}
