/// What counts as a secret in wps source, and how it is masked.
///
/// A flag is secret when the registry says so, or when it *looks* secret: an unknown flag within
/// the did-you-mean distance of a secret one (`--pasword`), or one whose name holds `pass`,
/// `secret`, `token` or `key` in any case (`--Password`, `--api-key`). A variable looks secret by
/// the same words (`let api_key = …`), or when named `pw`/`pwd`.
public enum SecretMask {
    /// What the history keeps in place of a secret value.
    public static let history = "••••"
    /// What a diagnostic shows in place of a secret value: fixed width, so it tells no length.
    public static let display = "****"

    static let secretWords = ["pass", "secret", "token", "key"]

    /// Whether a flag or variable name looks like it holds a secret by its words.
    public static func nameLooksSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        if secretWords.contains(where: { lower.contains($0) }) { return true }
        let parts = lower.split(whereSeparator: { $0 == "_" || $0 == "-" })
        return parts.contains("pw") || parts.contains("pwd")
    }

    /// Whether `--name` should have its value masked, given the registry's secret flag spellings.
    public static func flagLooksSecret(_ name: String, secretFlags: Set<String>) -> Bool {
        if secretFlags.contains(name) || nameLooksSecret(name) { return true }
        let target = Array(name.lowercased())
        return secretFlags.contains { flag in
            Suggestion.distance(target, Array(flag)) <= max(1, max(target.count, flag.count) / 3)
        }
    }
}
