import Foundation

extension Validation {
    /// The rules of the inbox listing's parameters (docs/contract/inbox.md, proposal 5), as wps
    /// checks them before sending and the sandbox on receiving: `per_page` in 1…50; at most one
    /// of `prospect_status`, `prospect_interest_level`, `out_of_campaign`; the two lists' values
    /// exactly as documented; at most 20 search phrases, each at least 3 characters.
    public static func inboxQuery(_ query: InboxQuery) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if let perPage = query.per_page, !(1...InboxQuery.maxPerPage).contains(perPage) {
            problems.append(
                ValidationProblem("per_page", "must be between 1 and \(InboxQuery.maxPerPage), got \(perPage)"))
        }
        let exclusive = query.exclusiveFiltersGiven
        if exclusive.count > 1 {
            problems.append(
                ValidationProblem(
                    exclusive[1],
                    "\(exclusive.joined(separator: " and ")) exclude each other: give at most one of "
                        + InboxQuery.exclusiveFilters.joined(separator: ", ")))
        }
        if let status = query.prospect_status, !InboxQuery.statuses.contains(status) {
            problems.append(
                ValidationProblem(
                    "prospect_status", "must be one of \(InboxQuery.statuses.joined(separator: ", ")), got '\(status)'")
            )
        }
        if let level = query.prospect_interest_level, !InboxQuery.interestLevels.contains(level) {
            problems.append(
                ValidationProblem(
                    "prospect_interest_level",
                    "must be one of \(InboxQuery.interestLevels.joined(separator: ", ")), got '\(level)'"))
        }
        if query.search_phrases != nil {
            let phrases = query.phrases
            if phrases.count > InboxQuery.maxSearchPhrases {
                problems.append(
                    ValidationProblem(
                        "search_phrases", "at most \(InboxQuery.maxSearchPhrases) phrases, got \(phrases.count)"))
            }
            for phrase in phrases where phrase.count < InboxQuery.minSearchPhraseLength {
                problems.append(
                    ValidationProblem(
                        "search_phrases",
                        "each phrase must have at least \(InboxQuery.minSearchPhraseLength) characters, got '\(phrase)'"
                    ))
                break
            }
        }
        return problems
    }

    /// The id of the message a reply answers: a positive integer.
    public static func inboxMessageID(_ id: Int) -> [ValidationProblem] {
        id > 0 ? [] : [ValidationProblem("id", "must be a positive integer, got \(id)")]
    }

    /// The wording the API is expected to use for a bad `to` (docs/contract/inbox.md, [J]).
    public static let invalidRecipientMessage = "Recipient email if provided must be valid email address"

    /// The rules of a reply's body (proposal 7): `body.html` given and not blank; `mailbox_id`
    /// positive; each address of `to`, `cc`, `bcc` (separated by commas) a valid email.
    public static func inboxReply(_ reply: InboxReply) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if isBlank(reply.body?.html ?? "") { problems.append(ValidationProblem("body.html", "is required")) }
        if let mailbox = reply.mailbox_id, mailbox <= 0 {
            problems.append(ValidationProblem("mailbox_id", "must be a positive integer, got \(mailbox)"))
        }
        for (name, value) in [("to", reply.to), ("cc", reply.cc), ("bcc", reply.bcc)] {
            guard let value, let bad = invalidRecipient(value) else { continue }
            problems.append(ValidationProblem(name, "\(invalidRecipientMessage), got '\(bad)'"))
        }
        return problems
    }

    /// The first address of a comma-separated list that is not a valid email (an empty item
    /// counts), or nil when all are.
    public static func invalidRecipient(_ addresses: String) -> String? {
        for item in addresses.split(separator: ",", omittingEmptySubsequences: false) {
            let address = item.trimmingCharacters(in: .whitespaces)
            if !isValidEmail(address) { return address }
        }
        return nil
    }
}
