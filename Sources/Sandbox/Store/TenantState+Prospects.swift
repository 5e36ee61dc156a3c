/// The changes to an account's prospects and enrolments: each one bumps
/// ``TenantState/prospectRevision`` (which keys cached listings) and is recorded in
/// ``TenantState/changes`` for persistence.
extension TenantState {
    mutating func insertProspect(_ prospect: Prospect) {
        prospects.insert(prospect)
        changes.prospects.insert(prospect.id)
        prospectRevision += 1
    }

    /// Changes a stored prospect; `body` returns whether it changed anything.
    mutating func modifyProspect(_ id: Int, _ body: (inout Prospect) -> Bool) {
        guard prospects.modify(id, body) == true else { return }
        changes.prospects.insert(id)
        prospectRevision += 1
    }

    mutating func enrol(_ prospectID: Int, in campaign: Int, interested: String?, sendAfter: Double, at now: Double) {
        _ = enrolments[campaign, default: CampaignEnrolments()].add(
            prospectID, interested: interested, sendAfter: sendAfter, at: now)
        changes.enrolments.insert(.init(campaign: campaign, prospect: prospectID))
        prospectRevision += 1
    }

    mutating func replaceEnrolment(_ enrolment: Enrolment, in campaign: Int) {
        guard enrolments[campaign]?[enrolment.prospectID] != enrolment else { return }
        enrolments[campaign]?.replace(enrolment)
        changes.enrolments.insert(.init(campaign: campaign, prospect: enrolment.prospectID))
        prospectRevision += 1
    }

    /// Drops every enrolment of a deleted campaign.
    mutating func dropEnrolments(of campaign: Int) {
        guard enrolments.removeValue(forKey: campaign) != nil else { return }
        changes.enrolments = changes.enrolments.filter { $0.campaign != campaign }
        changes.droppedCampaigns.insert(campaign)
        prospectRevision += 1
    }

    /// The changes recorded since the last call, cleared.
    mutating func takeChanges() -> ProspectChanges {
        defer { changes = ProspectChanges() }
        return changes
    }
}
