/// Saleshandy's endpoints: `200` on success unless the endpoint says otherwise, errors as
/// `{message}`.
public protocol SaleshandyEndpoint: Endpoint {}

extension SaleshandyEndpoint {
    public static var provider: Provider { .saleshandy }
    public static var successStatuses: Set<Int> { [200] }
    public static var errorShape: ErrorShape { .message }
}
