/// The endpoints of Woodpecker's campaign API: Woodpecker's, `200` on success unless the
/// endpoint says otherwise, errors as `{type, message, details}`.
public protocol WoodpeckerCampaignEndpoint: Endpoint {}

extension WoodpeckerCampaignEndpoint {
    public static var provider: Provider { .woodpecker }
    public static var successStatuses: Set<Int> { [200] }
    public static var errorShape: ErrorShape { .typeMessage }
}

/// The endpoints of Woodpecker's mailbox API: Woodpecker's, `200` on success unless the endpoint
/// says otherwise, errors as RFC 7807 problems `{title, status, detail}` unless it says otherwise.
public protocol WoodpeckerMailboxEndpoint: Endpoint {}

extension WoodpeckerMailboxEndpoint {
    public static var provider: Provider { .woodpecker }
    public static var successStatuses: Set<Int> { [200] }
    public static var errorShape: ErrorShape { .problem }
}

/// Woodpecker's legacy `/rest/v1` prospect endpoints: Woodpecker's, `200` on success, errors as
/// `{status: {status, code, msg}}` (docs/contract/errors_v1.md).
public protocol WoodpeckerProspectEndpoint: Endpoint {}

extension WoodpeckerProspectEndpoint {
    public static var provider: Provider { .woodpecker }
    public static var successStatuses: Set<Int> { [200] }
    public static var errorShape: ErrorShape { .v1Status }
}
