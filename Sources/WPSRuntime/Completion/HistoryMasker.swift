import Foundation
import WPSLanguage

/// Masks secrets in wps source with the standard registry: the one way every line typed, run or
/// sent over MCP is made safe to keep or show (see ``SecretScan``). History lines get `••••`; a
/// diagnostic shows `****` (fixed width: it tells nothing of the secret's length) with its carets
/// moved to match, and a message quoting a masked value has it masked too.
public enum HistoryMasker {
    /// Every spelling of every flag the registry marks secret, aliases included.
    static let secretFlags: Set<String> = Set(
        CommandRegistry.standard.commands.flatMap(\.flags).filter(\.isSecret).flatMap { [$0.name] + $0.aliases })

    /// Whether `--name` has its value masked.
    public static func isSecretFlag(_ name: String) -> Bool {
        SecretMask.flagLooksSecret(name, secretFlags: secretFlags)
    }

    /// Scans `text` against the standard registry.
    ///
    /// - Parameters:
    ///   - secretVariables: variables earlier lines of a session showed to hold a secret.
    ///   - assignments: what earlier lines of a session assigned (see ``SecretScan/assignments``).
    ///   - followsSecretRequest: the line before left a secret flag without a value.
    ///   - followsRefusedSecret: the line before took a secret and was refused.
    public static func scan(
        _ text: String, secretVariables: Set<String> = [], assignments: [String: Set<String>] = [:],
        followsSecretRequest: Bool = false, followsRefusedSecret: Bool = false
    ) -> SecretScan {
        SecretScan(
            text, registry: .standard, secretFlags: secretFlags, secretVariables: secretVariables,
            assignments: assignments, followsSecretRequest: followsSecretRequest,
            followsRefusedSecret: followsRefusedSecret, namesExistingFile: namesExistingFile)
    }

    /// Whether `path` is a regular file (relative to the working folder).
    @Sendable static func namesExistingFile(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return !path.isEmpty && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            && !isFolder.boolValue
    }

    /// The byte ranges of `text` the history masks: values of secret-looking flags, and the whole
    /// value of a `let` whose variable looks secret or feeds a secret flag.
    public static func secretRanges(in text: String) -> [Range<Int>] { scan(text).historyRanges }

    /// The line as the history stores it: each secret value replaced by `••••`.
    public static func mask(_ line: String, secretVariables: Set<String> = []) -> String {
        mask(line, ranges: scan(line, secretVariables: secretVariables).historyRanges)
    }

    /// `line` with each of `ranges` replaced by the history's mask.
    public static func mask(_ line: String, ranges: [Range<Int>]) -> String {
        var bytes = Array(line.utf8)
        for range in ranges.reversed() where range.upperBound <= bytes.count {
            bytes.replaceSubrange(range, with: Array(SecretMask.history.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A renderer for diagnostics of `source` that shows as `****` every secret value and, in a
    /// statement that takes a secret, every token not provably harmless.
    public static func renderer(
        for source: SourceFile, secretVariables: Set<String> = [], followsSecretRequest: Bool = false,
        followsRefusedSecret: Bool = false
    ) -> DiagnosticRenderer {
        let scan = scan(
            source.text, secretVariables: secretVariables, followsSecretRequest: followsSecretRequest,
            followsRefusedSecret: followsRefusedSecret)
        return DiagnosticRenderer(source: source, masking: scan.diagnosticRanges)
    }
}
