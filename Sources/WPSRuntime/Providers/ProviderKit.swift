import OutreachAPI
import WPSLanguage

/// What one provider brings to the runtime, at the seams where providers differ: the commands
/// only it serves, and how it connects mailboxes and watches them connect.
///
/// A provider is a folder (`Providers/<Provider>/`) with one type conforming to this, registered
/// by one line in ``ProviderKits/all``; nothing outside its folder names it.
protocol ProviderKit: Sendable {
    /// The provider, as `OutreachAPI` registers it.
    var provider: Provider { get }
    /// The commands only this provider serves (marked with ``CommandDefinition/served(by:)``
    /// where another provider's session must be refused), in `help` order within each noun.
    var commands: [CommandDefinition] { get }
    /// How `mailbox add|import`, `batch summary|watch` and `domain check` work with this
    /// provider's mailboxes; nil when its API cannot connect mailboxes.
    var mailboxes: (any MailboxConnection)? { get }
}

/// The shared shape of `mailbox add|import` and `batch summary|watch`, done by each provider its
/// own way.
protocol MailboxConnection: Sendable {
    /// The provider these mailboxes are connected through.
    var provider: Provider { get }
    /// The key of a connect request's id in the records `mailbox add|import` return (`batch_id`).
    var idKey: String { get }
    /// What the provider calls that id, for messages (`a batch id (a number)`).
    var idDescription: String { get }
    /// The requests each shared command sends with this provider, as `help` lists them.
    var sends: (add: [String], import: [String], status: [String], watch: [String]) { get }
    /// The most mailboxes one connect request may hold.
    var maxBatchSize: Int { get }
    /// The rate-limit family of its connect endpoint, which bounds `--parallel`.
    var family: APIFamily { get }
    /// Whether sending a row again is safe after a run that never learned its outcome (the API
    /// answers a duplicate with a conflict to reconcile); where not, `--resend-unsettled` says so.
    var reconcilesByResending: Bool { get }
    /// Flags only this provider's `mailbox add` reads (appended to the shared ones).
    var addFlags: [any FlagReading] { get }
    /// Flags only this provider's `mailbox import` reads.
    var importFlags: [any FlagReading] { get }
    /// The columns a mailbox file for this provider may use, and what `domain check` reads from a row.
    var rowColumns: Set<String> { get }
    /// The columns ``domainFields(of:)`` reads, for messages: the address's, the tracking domains'.
    var domainColumns: (email: [String], tracking: [String]) { get }
    /// The sending address, its SMTP host, and its tracking domains (field name, value) of a row.
    func domainFields(of row: SourceRow) -> (email: String?, smtpHost: String?, tracking: [(String, String)])

    /// `mailbox add`: one mailbox from the flags.
    func add(_ invocation: Invocation, _ session: Session) async throws -> Value
    /// `mailbox import`: the rows of `source`, checked, journaled and sent.
    func importMailboxes(
        _ invocation: Invocation, _ interpreter: Interpreter, _ session: Session, source: ImportSource
    ) async throws -> Value
    /// `batch summary`: one connect request's status as a record led by its id.
    func status(of value: Value, _ invocation: Invocation, _ session: Session, range: SourceRange?) async throws
        -> Value
    /// `batch watch`: waits for the requests among `items` (ids, or import records) to finish.
    func watch(_ items: [Value], with watcher: BatchWatcher) async throws -> BatchWatcher.Outcome
}

extension MailboxConnection {
    /// Whether `value` is one of this provider's connect records (`{batch_id: 7}`).
    func claims(_ value: Value) -> Bool {
        if case .record(let record) = value, record[idKey] != nil { return true }
        return false
    }

    var importFlags: [any FlagReading] { [] }
}
