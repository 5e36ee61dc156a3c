import OutreachAPI
import Testing

@testable import Sandbox

/// The inbox's pieces that decide what a listing shows (docs/contract/inbox.md): cursor pages
/// forward and back over messages newest first, cursors bound to their filters, the rules of
/// the parameters, stable ids and the subject's snippets.
@Suite struct InboxPagingTests {
    /// Eleven messages, two of them at the same moment (ordered by id then), newest first.
    static let entries: [InboxEntry] = (0..<11).map { index in
        let time = Double(1_000 + (index == 4 ? 5 : index) * 10)
        return InboxEntry(
            message: InboxMessage(id: 100_000_000 + index), repliedAt: time, campaignEmailSent: 1, searchText: "")
    }.sorted(by: InboxEntry.newestFirst)

    @Test func cursorPagesHoldEveryMessageOnceForwardAndBack() throws {
        let signature = InboxCursor.signature(of: InboxQuery(per_page: 4))
        var pages: [[Int]] = []
        var cursor: InboxCursor?
        var previous: [String?] = []
        repeat {
            let page = InboxCursor.page(Self.entries, from: cursor, perPage: 4, signature: signature)
            pages.append(page.items.map(\.id))
            previous.append(page.pagination.previous_page_cursor)
            cursor = try InboxCursor.parse(page.pagination.next_page_cursor, signature: signature)
        } while cursor != nil
        #expect(pages.map(\.count) == [4, 4, 3])
        #expect(pages.flatMap { $0 } == Self.entries.map(\.id))
        #expect(previous[0] == nil && previous[1] != nil)
        // The previous cursor of the third page gives the second page back.
        let back = try InboxCursor.parse(previous[2], signature: signature)
        #expect(
            InboxCursor.page(Self.entries, from: back, perPage: 4, signature: signature).items.map(\.id) == pages[1])
    }

    @Test func aCursorIsValidOnlyForTheFiltersItWasIssuedFor() throws {
        let mine = InboxCursor.signature(of: InboxQuery(prospect_interest_level: "INTERESTED", per_page: 2))
        #expect(mine == InboxCursor.signature(of: InboxQuery(prospect_interest_level: "INTERESTED", per_page: 50)))
        let issued = InboxCursor(signature: mine, direction: .next, time: 1_010.5, id: 7).text
        #expect(try InboxCursor.parse(issued, signature: mine)?.time == 1_010.5)
        #expect(try InboxCursor.parse("null", signature: mine) == nil)
        #expect(try InboxCursor.parse("", signature: mine) == nil)
        #expect(throws: SandboxError.self) {
            try InboxCursor.parse(issued, signature: InboxCursor.signature(of: InboxQuery()))
        }
        #expect(throws: SandboxError.self) { try InboxCursor.parse("not-a-cursor!", signature: mine) }
    }

    @Test(arguments: [
        (InboxQuery(per_page: 0), "per_page: must be between 1 and 50, got 0"),
        (InboxQuery(per_page: 51), "per_page: must be between 1 and 50, got 51"),
        (
            InboxQuery(prospect_status: "RESPONDED", out_of_campaign: false),
            "out_of_campaign: prospect_status and out_of_campaign exclude each other"
        ),
        (InboxQuery(prospect_status: "REPLIED"), "prospect_status: must be one of"),
        (InboxQuery(prospect_interest_level: "MAYBE-LATER"), "prospect_interest_level: must be one of"),
        (
            InboxQuery(search_phrases: ["acme, ab"]),
            "search_phrases: each phrase must have at least 3 characters, got 'ab'"
        ),
        (InboxQuery(search_phrases: (0...20).map { "phrase \($0)" }), "search_phrases: at most 20 phrases, got 21"),
    ])
    func brokenRulesAreNamed(query: InboxQuery, problem: String) {
        #expect(Validation.inboxQuery(query).first?.description.hasPrefix(problem) == true)
    }

    @Test func theRulesAcceptWhatTheContractAllows() {
        #expect(
            Validation.inboxQuery(
                InboxQuery(
                    prospect_status: "OPT_OUT", campaign_ids: [1, 2], search_phrases: ["next week", "acme,corp"],
                    per_page: 50)) == [])
        #expect(Validation.inboxReply(InboxReply(html: "<p>x</p>", to: "ann@acme.com, bob@acme.com")) == [])
        #expect(Validation.inboxReply(InboxReply(html: " ")).map(\.path) == ["body.html"])
        #expect(Validation.inboxReply(InboxReply(html: "x", cc: "ann@acme.com,")).map(\.path) == ["cc"])
    }

    @Test func idsAreStableAndSubjectsAreFilled() {
        let id = InboxReplyText.id(campaignID: 777_001, prospectID: 100_192, step: 1)
        #expect(id == InboxReplyText.id(campaignID: 777_001, prospectID: 100_192, step: 1))
        #expect(
            (100_000_000..<1_000_000_000).contains(id)
                && id != InboxReplyText.id(campaignID: 777_001, prospectID: 100_192, step: 2))
        let field = { (name: String) in name == "first_name" ? "Ben" : "" }
        #expect(
            InboxReplyText.filled(#"Hi {{FIRST_NAME}} at {{COMPANY | "your team"}}"#, field) == "Hi Ben at your team")
        #expect(InboxReplyText.subject(answering: "RE: Hi") == "RE: Hi")
        #expect(InboxReplyText.delivered(86_400 + 3_661.7) == "1970-01-02T01:01:01")
    }
}
