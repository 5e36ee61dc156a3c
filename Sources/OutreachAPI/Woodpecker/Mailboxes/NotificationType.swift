/// A `completion_notification_types` value: how to be told a batch finished processing.
public struct NotificationType: OpenString {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    /// A mail notification.
    public static let mail: NotificationType = "MAIL"
    public static let known: [NotificationType] = [.mail]
}
