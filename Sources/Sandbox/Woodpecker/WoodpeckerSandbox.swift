import Hummingbird

/// Woodpecker's emulation: `/rest/v2` (mailboxes, campaigns, reports, webhooks, inbox) and the
/// legacy `/rest/v1` prospect paths.
enum WoodpeckerSandbox: SandboxProvider {
    static func register(on router: Router<SandboxContext>, store: SandboxStore) {
        ReportRoutes(store: store).register(on: router)
        MailboxRoutes(store: store).register(on: router)
        CampaignRoutes(store: store).register(on: router)
        ProspectRoutes(store: store).register(on: router)
        WebhookRoutes(store: store).register(on: router)
        InboxRoutes(store: store).register(on: router)
    }

    /// The two prospect write paths take 20,000 full prospect records, which do not fit in 8M
    /// (docs/contract gap 4).
    static func bodyLimit(path: String) -> Int? {
        EndpointFamily.prospectWritePaths.contains(path) ? EndpointFamily.prospectWriteLimit : nil
    }

    /// Every `/rest/v1/…` path but the `/rest/v1/me` extension is a v1 prospect path.
    static func errorFamily(path: String) -> EndpointFamily? {
        if (path.hasPrefix("/rest/v1/") || path == "/rest/v1") && path != "/rest/v1/me" { return .v1Prospects }
        if path.hasPrefix("/rest/v2/mailboxes/manual_connection") { return .manualBulk }
        if path.hasPrefix("/rest/v2/mailboxes/microsoft") { return .microsoftBulk }
        if path.hasPrefix("/rest/v2/campaigns") { return .campaigns }
        return nil
    }
}
