import OutreachAPI

/// Reads the raw query strings of the inbox listing and of a prospect's responses
/// (docs/contract/inbox.md, proposals 5 and 8): a value of the wrong kind answers `400` with a
/// problem body naming the parameter, then the rules of ``Validation/inboxQuery(_:)`` apply;
/// unknown parameters are ignored. `search_phrases` may be repeated and comma-separated.
enum InboxQueryParsing {
    static func listing(_ raw: String) throws(SandboxError) -> InboxQuery {
        var query = InboxQuery()
        for (name, value) in pairs(raw) {
            switch name {
            case "prospect_status": query.prospect_status = value
            case "prospect_interest_level": query.prospect_interest_level = value
            case "out_of_campaign": query.out_of_campaign = try boolean(name, value)
            case "read": query.read = try boolean(name, value)
            case "campaign_ids": query.campaign_ids = try ids(name, value)
            case "mailbox_ids": query.mailbox_ids = try ids(name, value)
            case "search_phrases": query.search_phrases = (query.search_phrases ?? []) + [value]
            case "per_page":
                guard let number = Int(value), value.allSatisfy(\.isASCIIDigitOrMinus) else {
                    throw SandboxError.inboxInput("per_page: must be an integer between 1 and 50, got '\(value)'")
                }
                query.per_page = number
            case "next_page_cursor": query.next_page_cursor = value
            default: break
            }
        }
        if let problem = Validation.inboxQuery(query).first { throw SandboxError.inboxInput(problem.description) }
        return query
    }

    /// The `campaign_id` filter of a prospect's responses, or nil when not given.
    static func responseCampaigns(_ raw: String) throws(SandboxError) -> [Int]? {
        var result: [Int]?
        for (name, value) in pairs(raw) where name == "campaign_id" {
            result = (result ?? []) + (try ids(name, value))
        }
        return result
    }

    /// The decoded `name=value` pairs in order.
    static func pairs(_ raw: String) -> [(String, String)] {
        raw.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (ProspectQueryParsing.decode(parts[0]), parts.count > 1 ? ProspectQueryParsing.decode(parts[1]) : "")
        }
    }

    /// Ids separated by commas, each written as digits only.
    static func ids(_ name: String, _ value: String) throws(SandboxError) -> [Int] {
        var result: [Int] = []
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty, item.allSatisfy(\.isASCIIDigit), let id = Int(item) else {
                throw SandboxError.inboxInput("\(name): must be integer ids separated by commas, got '\(value)'")
            }
            result.append(id)
        }
        return result
    }

    static func boolean(_ name: String, _ value: String) throws(SandboxError) -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default: throw SandboxError.inboxInput("\(name): must be true or false, got '\(value)'")
        }
    }

    /// A positive integer path parameter, else `400` naming it (proposals 7 and 8).
    static func positiveID(_ name: String, _ text: String?) throws(SandboxError) -> Int {
        guard let text, !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let id = Int(text), id > 0 else {
            throw SandboxError.inboxInput("\(name): must be a positive integer, got '\(text ?? "")'")
        }
        return id
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isASCIIDigitOrMinus: Bool { isASCIIDigit || self == "-" }
}
