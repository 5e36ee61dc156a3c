/// The snippets the Woodpecker documents allow in subjects and messages.
public enum Snippets {
    public static let names: [String] =
        [
            "FIRST_NAME", "LAST_NAME", "FULL_NAME", "COMPANY", "EMAIL", "WWW", "TAG", "LINKEDIN_URL", "TITLE", "PHONE",
            "ADDRESS",
            "CITY", "STATE", "COUNTRY", "INDUSTRY", "UNSUBSCRIBE",
        ] + (1...15).map { "SNIPPET_\($0)" }
}
