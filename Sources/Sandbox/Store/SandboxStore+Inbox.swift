import Foundation
import OutreachAPI

extension SandboxStore {
    /// `GET /rest/v2/inbox/messages` after parsing (docs/contract/inbox.md, proposals 1–5): the
    /// replies the sending rule has produced by now that pass the filters, newest first, one page
    /// from the cursor.
    func listInbox(key: String, query: InboxQuery) async throws -> InboxPage {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> InboxPage in
            let signature = InboxCursor.signature(of: query)
            let cursor = try InboxCursor.parse(query.next_page_cursor, signature: signature)
            let phrases = query.phrases.map { $0.lowercased() }
            let entries = inboxEntries(tenant, now: now).filter { $0.matches(query, phrases: phrases) }
                .sorted(by: InboxEntry.newestFirst)
            let page = InboxCursor.page(
                entries, from: cursor, perPage: query.per_page ?? InboxQuery.defaultPerPage, signature: signature)
            return InboxPage(content: page.items.map(\.message), pagination: page.pagination)
        }
    }

    /// `POST /rest/v2/inbox/messages/{id}/reply` (proposal 7): checked in the contract's order —
    /// a visible reply of the account (any id in the dry-run overlay, which cannot know the real
    /// account's inbox), the body, the mailbox — then the message is marked read. Nothing else
    /// changes.
    func replyToInbox(key: String, messageID: Int, body: Data) async throws {
        let accepting = acceptsAnyAccountID
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) in
            if !accepting, !inboxEntries(tenant, now: now).contains(where: { $0.id == messageID }) {
                throw SandboxError.inboxMessageNotFound(messageID)
            }
            guard !body.isEmpty else {
                throw SandboxError.inboxInput("body.html: is required (the request body is empty)")
            }
            let reply: InboxReply
            switch RequestBodyDecoding.decode(InboxReply.self, from: body) {
            case .success(let value): reply = value
            case .failure(let problem): throw SandboxError.inboxInput(problem.message)
            }
            if let problem = Validation.inboxReply(reply).first { throw SandboxError.inboxInput(problem.description) }
            if let mailbox = reply.mailbox_id, !accepting, tenant.mailboxes[mailbox] == nil {
                throw SandboxError.inboxInput(
                    "mailbox_id: no mailbox \(mailbox) in this account (mailbox list shows the ids)")
            }
            tenant.inboxRead.insert(messageID)
        }
    }

    /// `GET /rest/v2/prospects/{id}/responses` (proposal 8): the prospect's replies, oldest first,
    /// only those of `campaignIDs` when given.
    func prospectResponses(key: String, prospectID: Int, campaignIDs: [Int]?) async throws -> ProspectResponses {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> ProspectResponses in
            guard let prospect = tenant.prospects.prospect(prospectID) else {
                throw SandboxError.prospectNotFound(prospectID)
            }
            let entries = inboxEntries(tenant, now: now, only: [prospectID])
                .filter { entry in campaignIDs.map { $0.contains(entry.message.campaign_id ?? -1) } ?? true }
                .sorted { ($0.repliedAt, $0.id) < ($1.repliedAt, $1.id) }
            return ProspectResponses(
                prospect_id: prospectID, email: prospect.email,
                responses: entries.map { entry in
                    ProspectResponses.Response(
                        response_id: entry.id, campaign_id: entry.message.campaign_id, step: entry.message.step,
                        campaign_email_sent: entry.campaignEmailSent, subject: entry.message.subject,
                        message: entry.message.message, delivered: entry.message.delivered)
                })
        }
    }

    /// Every reply the sending rule has produced for the account by `now` (for the prospects of
    /// `only`, when given), as the inbox shows them, in no particular order.
    func inboxEntries(_ tenant: TenantState, now: Double, only: Set<Int>? = nil) -> [InboxEntry] {
        guard tenant.campaignRuns.values.contains(where: { $0.firstStart != nil }) else { return [] }
        let messages = accountSending(tenant, now: now, only: only).messages
        // Each prospect's messages in each campaign, for the subject of a same-thread step and
        // for `campaign_email_sent`.
        var threads: [ThreadKey: [SentMessage]] = [:]
        for message in messages where message.repliedAt != nil {
            threads[ThreadKey(campaign: message.campaignID, prospect: message.prospectID)] = []
        }
        guard !threads.isEmpty else { return [] }
        for message in messages {
            let key = ThreadKey(campaign: message.campaignID, prospect: message.prospectID)
            if threads[key] != nil { threads[key, default: []].append(message) }
        }
        var entries: [InboxEntry] = []
        for message in messages {
            guard let repliedAt = message.repliedAt, let campaign = tenant.campaigns[message.campaignID] else {
                continue
            }
            let thread = threads[ThreadKey(campaign: message.campaignID, prospect: message.prospectID)] ?? []
            entries.append(
                inboxEntry(message, repliedAt: repliedAt, campaign: campaign, thread: thread, in: tenant))
        }
        return entries
    }

    /// One reply as an inbox entry.
    private func inboxEntry(
        _ sent: SentMessage, repliedAt: Double, campaign: Campaign, thread: [SentMessage], in tenant: TenantState
    ) -> InboxEntry {
        let prospect = tenant.prospects.prospect(sent.prospectID)
        let field = { (name: String) -> String in
            guard let prospect, let index = Prospect.columnIndex[name], index < prospect.values.count else { return "" }
            return prospect.values[index]
        }
        let name = [field("first_name"), field("last_name")].filter { !$0.isEmpty }.joined(separator: " ")
        let accounts = campaign.email_account_ids
        let mailboxID =
            accounts.isEmpty ? nil : accounts[(sent.prospectID % accounts.count + accounts.count) % accounts.count]
        let enrolment = tenant.enrolments[sent.campaignID]?[sent.prospectID]
        let id = InboxReplyText.id(campaignID: sent.campaignID, prospectID: sent.prospectID, step: sent.stepIndex)
        let html = InboxReplyText.html(sent.interest)
        let subject = InboxReplyText.subject(
            answering: InboxReplyText.filled(Self.threadSubject(of: sent, thread: thread, campaign: campaign), field))
        let email = prospect?.email ?? ""
        let message = InboxMessage(
            id: id, prospect_id: sent.prospectID, prospect_email: email, campaign_id: sent.campaignID,
            step: sent.stepIndex, mailbox_id: mailboxID, from_email: email, from_name: name, to_email: sent.mailbox,
            subject: subject, message: html, delivered: InboxReplyText.delivered(repliedAt),
            read: tenant.inboxRead.contains(id),
            // In its campaign a reply is what shows (ProspectActivity); a prospect stored as
            // BLACKLIST is BLACKLISTED in the filter's spelling.
            prospect_status: prospect?.status == "BLACKLIST" ? "BLACKLISTED" : "RESPONDED",
            prospect_interest_level: enrolment?.interested ?? sent.interest?.rawValue ?? "NOT_MARKED")
        let sentBefore = thread.filter { $0.sentAt <= repliedAt }.count
        return InboxEntry(
            message: message, repliedAt: repliedAt, campaignEmailSent: sentBefore,
            searchText: [subject, InboxEntry.plainText(html), email, name].joined(separator: "\n").lowercased())
    }

    /// The subject of the version the reply answered; a step without one goes in the same thread,
    /// so the subject of the prospect's latest earlier step that has one.
    static func threadSubject(of sent: SentMessage, thread: [SentMessage], campaign: Campaign) -> String {
        let steps = campaign.steps.path.filter { $0.type == .email }
        let earlier = thread.filter { $0.stepIndex <= sent.stepIndex }.sorted { $0.stepIndex > $1.stepIndex }
        for message in earlier {
            guard message.stepIndex >= 1, message.stepIndex <= steps.count else { continue }
            let versions = steps[message.stepIndex - 1].body?.versions ?? []
            for (index, version) in versions.enumerated()
            where (version.version ?? EmailVersion.letters[min(index, EmailVersion.letters.count - 1)])
                == message.version
            {
                if let subject = version.subject, !Validation.isBlank(subject) { return subject }
            }
        }
        return ""
    }

    /// A prospect's messages in one campaign.
    private struct ThreadKey: Hashable {
        var campaign: Int
        var prospect: Int
    }
}
