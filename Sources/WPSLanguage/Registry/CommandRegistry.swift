/// The set of commands wps knows, looked up by their name words.
///
/// ```swift
/// let registry = CommandRegistry(descriptors)
/// registry.command(["campaign", "new"])      // the descriptor of `campaign new`
/// registry.subcommands(after: ["campaign"])  // new, get, list, …
/// ```
public struct CommandRegistry: Sendable {
    /// The statement keywords, as the parser reads them and completion offers them.
    public static let statementKeywords = ["let", "for", "if", "try", "source"]

    /// What a command is (see ``CommandDescriptor/Category``).
    public typealias Category = CommandDescriptor.Category

    /// The category of a command.
    public static func category(of command: CommandDescriptor) -> Category { command.category }

    public let commands: [CommandDescriptor]
    private let byName: [String: CommandDescriptor]
    /// Every prefix of every command's words (to know when to keep reading name words).
    private let prefixes: Set<String>
    /// The first words of every command (`campaign`, `mailbox`, `where`, …), sorted, for suggestions.
    public let nouns: [String]
    /// The words that may follow each proper prefix of a command's words, sorted. Built once: the
    /// parser asks on every unknown command.
    private let next: [[String]: [String]]

    public init(_ commands: [CommandDescriptor]) {
        self.commands = commands
        byName = Dictionary(commands.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var prefixes = Set<String>()
        for command in commands {
            for count in 1...command.words.count { prefixes.insert(command.words.prefix(count).joined(separator: " ")) }
        }
        self.prefixes = prefixes
        nouns = Array(Set(commands.compactMap(\.words.first))).sorted()
        var next: [[String]: Set<String>] = [:]
        for command in commands {
            for count in 0..<command.words.count {
                next[Array(command.words.prefix(count)), default: []].insert(command.words[count])
            }
        }
        self.next = next.mapValues { $0.sorted() }
    }

    /// The command named by exactly these words.
    public func command(_ words: [String]) -> CommandDescriptor? { byName[words.joined(separator: " ")] }

    /// Whether some command's name starts with these words.
    public func isPrefix(_ words: [String]) -> Bool { prefixes.contains(words.joined(separator: " ")) }

    /// The words that may follow `words` (`campaign` → `new`, `get`, …).
    public func subcommands(after words: [String]) -> [String] { next[words] ?? [] }
}
