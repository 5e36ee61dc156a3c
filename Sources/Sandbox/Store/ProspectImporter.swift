import Foundation
import OutreachAPI

/// Applies an import's prospects to an account one by one, in request order, giving each its
/// result (docs/contract gaps 1, 5–9, 12): accepted `{email, id}` (`status: UPDATED` when `update`
/// changed a prospect that was already there, a sandbox addition wps reads), or rejected
/// `{email, id?, status: ERROR, code, msg}`. Rejected entries change nothing.
///
/// Checks, in order: a missing or blank email (`E_EMAIL`, `email is required`), an invalid one
/// (`E_EMAIL`), a `.invalid` domain (`E_EMAIL_NOT_EXISTS`), an earlier entry with the same email
/// (`E_DUPLICATE`), a bad status or interest level (`E_WRONG_PARAM`), then the endpoint's rules.
struct ProspectImporter {
    typealias Result = ProspectBulkResponse.Entry

    let request: ProspectImport
    let now: Double
    /// The global status the sandbox's own sending gave prospects (`REPLIED`, `BOUNCED`,
    /// `BLACKLIST`), by id: what listings show over a stored `ACTIVE` (gap 31), and so what a
    /// campaign admission checks.
    let sendingStatuses: [Int: String]
    /// The next prospect id (the store's counter, written back when done).
    var nextID: Int
    /// The first entry of each email key in this request.
    private var firstOfKey: [String: Int] = [:]
    /// When the prospects may be written to in the campaign: `send_after`, or now if it has passed.
    private let sendAfter: Double

    init(request: ProspectImport, now: Double, nextID: Int, sendingStatuses: [Int: String] = [:]) {
        self.request = request
        self.now = now
        self.sendingStatuses = sendingStatuses
        self.nextID = nextID
        sendAfter = max(request.campaign?.sendAfter ?? now, now)
        firstOfKey.reserveCapacity(request.prospects.count)
    }

    /// The results of every entry, applied to `tenant`.
    mutating func run(on tenant: inout TenantState) -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(request.prospects.count)
        for (index, entry) in request.prospects.enumerated() {
            results.append(apply(entry, index: index, to: &tenant))
        }
        return results
    }

    private mutating func apply(_ given: ProspectImport.Entry, index: Int, to tenant: inout TenantState) -> Result {
        var entry = given
        let sent = entry.email ?? ""
        let trimmed = sent.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = "prospects[\(index)]"
        func reject(_ code: V1Code, _ msg: String, id: Int? = nil) -> Result {
            Result(email: sent, id: id, status: "ERROR", code: code.rawValue, msg: msg)
        }
        if Validation.isBlank(sent) { return reject(.email, "email is required") }
        // Checked trimmed: emails are compared trimmed (gap 6).
        var checked = entry.checked
        checked.email = trimmed
        // With `update` into a campaign, `status` may also be PAUSED, and ACTIVE or PAUSED is the
        // prospect's status there (docs/contract/inbox.md, proposal 9).
        let campaignUpdate = request.campaign != nil && request.update
        let problems = Validation.prospect(checked, path: path, campaignUpdate: campaignUpdate)
        if let problem = problems.first(where: { $0.path == "\(path).email" }) {
            return reject(.email, problem.description)
        }
        let key = trimmed.lowercased()
        let existing = tenant.prospects.id(ofKey: key)
        let domain = key.split(separator: "@").last.map(String.init) ?? ""
        if domain.hasSuffix(".invalid") {
            return reject(
                .emailNotExists, "\(path).email: the address seems not to exist (\(domain) does not resolve)",
                id: existing)
        }
        if let first = firstOfKey[key] {
            return reject(.duplicate, "duplicate of prospects[\(first)] in this request", id: existing)
        }
        firstOfKey[key] = index
        if let problem = problems.first { return reject(.wrongParam, problem.description, id: existing) }
        let campaignStatus = campaignUpdate ? entry.status.flatMap(Self.campaignStatus) : nil
        // PAUSED is only ever a status in the campaign: the global one stays as it is.
        if entry.status == "PAUSED" { entry.status = nil }

        guard let campaign = request.campaign?.campaignID else {
            // add_prospects_list
            if let id = existing {
                guard request.update else { return reject(.duplicate, "\(path): already in the prospect base", id: id) }
                update(id, with: entry, in: &tenant)
                return Result(email: sent, id: id, status: "UPDATED")
            }
            return Result(email: sent, id: create(entry, in: &tenant))
        }
        // add_prospects_campaign: the global status is checked as it is now, as a listing shows
        // it (a stored ACTIVE that sending made REPLIED, BOUNCED or BLACKLIST is that; for a new
        // prospect, as given); `force` admits every status and leaves it as it is (gap 9).
        var status = entry.status ?? "ACTIVE"
        if let id = existing, let stored = tenant.prospects.prospect(id)?.status {
            status = stored == "ACTIVE" ? sendingStatuses[id] ?? stored : stored
        }
        if status != "ACTIVE", !request.force {
            return reject(
                .invalidStatus, "\(path): the prospect's status is \(status), not ACTIVE (send force to add it)",
                id: existing)
        }
        guard let id = existing else {
            let id = create(entry, in: &tenant)
            enrol(id, in: campaign, entry, status: campaignStatus, to: &tenant)
            return Result(email: sent, id: id)
        }
        if var enrolment = tenant.enrolments[campaign]?[id] {
            guard request.update else { return reject(.duplicate, "\(path): already in campaign \(campaign)", id: id) }
            update(id, with: entry, in: &tenant)
            if let interested = entry.interested { enrolment.interested = interested.isEmpty ? nil : interested }
            if request.campaign?.sendAfter != nil { enrolment.sendAfter = sendAfter }
            if let campaignStatus { enrolment.setStatus(campaignStatus, at: now) }
            tenant.replaceEnrolment(enrolment, in: campaign)
            return Result(email: sent, id: id, status: "UPDATED")
        }
        if request.update { update(id, with: entry, in: &tenant) }
        enrol(id, in: campaign, entry, status: campaignStatus, to: &tenant)
        return Result(email: sent, id: id)
    }

    /// The status in the campaign a `status` value sets with `update`, or nil for a global one.
    static func campaignStatus(_ status: String) -> String? {
        Validation.campaignProspectStatuses.contains(status) ? status : nil
    }

    /// Enrols a prospect, `PAUSED` from now when the update says so.
    private func enrol(
        _ id: Int, in campaign: Int, _ entry: ProspectImport.Entry, status: String?, to tenant: inout TenantState
    ) {
        tenant.enrol(id, in: campaign, interested: entry.interested, sendAfter: sendAfter, at: now)
        guard let status, var enrolment = tenant.enrolments[campaign]?[id] else { return }
        enrolment.setStatus(status, at: now)
        tenant.replaceEnrolment(enrolment, in: campaign)
    }

    /// A new prospect: the given fields, `""` for the rest, the given status or `ACTIVE`.
    private mutating func create(_ entry: ProspectImport.Entry, in tenant: inout TenantState) -> Int {
        let id = nextID
        nextID += 1
        tenant.insertProspect(
            Prospect(
                id: id, email: (entry.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                status: entry.status ?? "ACTIVE", values: entry.values.map { $0 ?? "" }, updated: now))
        return id
    }

    /// `update`: given fields replace (`""` clears), left-out ones stay; so does the status.
    private func update(_ id: Int, with entry: ProspectImport.Entry, in tenant: inout TenantState) {
        let now = self.now
        tenant.modifyProspect(id) { prospect in
            var changed = prospect.apply(entry.values)
            if let status = entry.status, status != prospect.status {
                prospect.status = status
                changed = true
            }
            if changed { prospect.updated = now }
            return changed
        }
    }
}
