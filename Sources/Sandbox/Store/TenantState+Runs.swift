extension TenantState {
    /// Records in the campaign's run history that it is (or is no longer) RUNNING at `time`;
    /// nothing changes when it already was (or was not).
    mutating func recordRunning(_ campaignID: Int, _ running: Bool, at time: Double) {
        var history = campaignRuns[campaignID] ?? RunHistory()
        guard history.isRunning != running else { return }
        if running { history.started(at: time) } else { history.ended(at: time) }
        campaignRuns[campaignID] = history
    }
}
