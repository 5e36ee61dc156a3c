import OutreachAPI
import WPSLanguage

/// `inbox list [--status S] [--interest L] [--campaign IDS] [--mailbox IDS] [--search TEXT]…
/// [--per-page N] [--cursor C] [--all]`: the prospects' replies, newest first. One page (and a
/// note on stderr when more follow), or with `--all` every page, each cursor followed in turn and
/// each page streamed down the pipeline as it arrives.
enum InboxListCommand {
    static let status = Flag<String>(
        "status", .choice(InboxQuery.statuses), "only replies of prospects with this status",
        fields: ["prospect_status"])
    static let interest = Flag<String>(
        "interest", .choice(InboxQuery.interestLevels), "only replies of prospects with this interest level",
        fields: ["prospect_interest_level"])
    static let outOfCampaign = Flag<Bool>(
        "out-of-campaign", "only replies that belong to no campaign (=false: only those that do)",
        fields: ["out_of_campaign"])
    static let campaigns = Flag<[Int]>(
        "campaign", .list(.campaignID), "only replies in these campaigns: 777001,777002", fields: ["campaign_ids"],
        read: .integers)
    static let mailboxes = Flag<[Int]>(
        "mailbox", .list(.mailboxID), "only replies fetched by these mailboxes: 123001,123002",
        fields: ["mailbox_ids"], read: .integers)
    static let search = Flag<String>(
        "search", .string, "a phrase of 3 or more characters (repeat, or separate by commas, for up to 20)",
        repeatable: true, fields: ["search_phrases"])
    static let perPage = Flag<Int>("per-page", "messages per page (1…50, default 10)", fields: ["per_page"])
    static let cursor = Flag<String>(
        "cursor", .string, "start at this next_page_cursor of an earlier page", fields: ["next_page_cursor"])
    static let all = Flag<Bool>("all", "every page, following each next_page_cursor")

    static let definition = CommandDefinition(
        ["inbox", "list"], "List the prospects' replies, newest first: one page, or with --all every page.",
        category: .api,
        discussion: """
            At most one of --status, --interest and --out-of-campaign (the API takes one). Without --all one \
            page comes back and, when more follow, stderr says so with the --cursor that continues; with --all \
            each page goes down the pipeline as it arrives while the next is fetched. Each record is the API's \
            message: id, prospect_id, prospect_email, campaign_id, step, mailbox_id, from_email, from_name, \
            to_email, subject, message, delivered, read, prospect_status, prospect_interest_level.
            """,
        flags: [status, interest, outOfCampaign, campaigns, mailboxes, search, perPage, cursor, all],
        examples: [
            "inbox list --interest INTERESTED --all",
            #"inbox list --all --search "next week" | select id prospect_email subject"#,
        ],
        sends: ["GET inbox/messages"],
        tests: ["e2e:test_inbox.py::test_inbox_list_holds_exactly_the_replies_of_the_sending_rules"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        if let stream = try allPages(invocation, session) { return .list(try await interpreter.collect(stream)) }
        let page = try await session.connection.send(
            Woodpecker.ListInboxMessages(try query(invocation)), for: invocation.command)
        if let next = page.pagination.next_page_cursor {
            session.settings.progress(
                "inbox list: more messages follow; the next page: --cursor \(next) (or --all for every page)")
        }
        return .list(try page.content.map(record))
    }
    .producingPages { invocation, interpreter in try allPages(invocation, interpreter.connection(for: invocation)) }

    /// With `--all`, every page in turn from the first (or `--cursor`), each fetched with the
    /// `next_page_cursor` of the one before; nil without `--all`.
    static func allPages(_ invocation: Invocation, _ session: Session) throws -> ValueStream? {
        guard invocation[all] == true else { return nil }
        let first = try query(invocation)
        let command = invocation.command
        let cursors = InboxCursorChain(first: first.next_page_cursor)
        return ValueStream(fetch: { number in
            var query = first
            query.next_page_cursor = await cursors.cursor(before: number)
            let page = try await session.connection.send(Woodpecker.ListInboxMessages(query), for: command)
            let next = page.pagination.next_page_cursor
            await cursors.record(next, before: number + 1)
            return ValueStream.Page(items: try page.content.map(record), isLast: next == nil || page.content.isEmpty)
        })
    }

    /// The query the flags give (checked by the client before sending).
    static func query(_ invocation: Invocation) throws -> InboxQuery {
        let phrases = invocation.all(search)
        return InboxQuery(
            prospect_status: invocation[status], prospect_interest_level: invocation[interest],
            out_of_campaign: invocation[outOfCampaign], campaign_ids: invocation[campaigns],
            mailbox_ids: invocation[mailboxes], search_phrases: phrases.isEmpty ? nil : phrases,
            per_page: invocation[perPage], next_page_cursor: invocation[cursor])
    }

    /// A message as a record of the API's fields, in the API's order.
    static func record(_ message: InboxMessage) throws -> Value { try ValueEncoder().encode(message) }
}

/// The cursor each page of an `inbox list --all` is fetched with: page 1's is the one given (or
/// none), page n+1's the `next_page_cursor` page n answered. The interpreter asks for page n+1
/// only once page n has arrived, so the cursor is always there.
actor InboxCursorChain {
    private var cursors: [Int: String] = [:]

    init(first: String?) { cursors[1] = first }

    func cursor(before page: Int) -> String? { cursors[page] }

    func record(_ cursor: String?, before page: Int) { cursors[page] = cursor }
}
