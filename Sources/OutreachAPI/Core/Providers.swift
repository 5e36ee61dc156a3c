/// The providers wps speaks: one registration line each. Adding a provider is a folder per
/// target and a line here (and in the runtime's and the sandbox's registrations).
extension Provider {
    /// Every registered provider; the first is the default when nothing names one.
    public static let allCases: [Provider] = [.woodpecker, .saleshandy]

    /// The provider a session talks to when no profile or flag names one.
    public static var `default`: Provider { allCases[0] }
}
