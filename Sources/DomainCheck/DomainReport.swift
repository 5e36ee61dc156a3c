/// What `domain check` found for one domain: each check it ran, in a fixed order.
public struct DomainReport: Sendable, Equatable {
    public let domain: String
    public let checks: [CheckResult]

    /// The worst verdict of its checks.
    public var verdict: Verdict { checks.map(\.verdict).max() ?? .ok }

    /// The result of one check, if it ran.
    public subscript(_ kind: CheckKind) -> CheckResult? { checks.first { $0.kind == kind } }
}
