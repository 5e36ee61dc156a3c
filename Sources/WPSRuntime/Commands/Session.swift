import Crypto
import Foundation
import OutreachAPI
import WPSLanguage

/// What API commands run against: the client, the default provider, and what this session has
/// seen (which campaign each step belongs to), so `step add --after ID` needs no `--campaign`.
public final class Session: @unchecked Sendable {
    public private(set) var client: OutreachClient
    public private(set) var provider: Provider
    /// The profiles `profile list|use` work with (nil with `--sandbox`).
    let profiles: ProfileConfiguration?
    public private(set) var activeProfile: String
    let transport: (any HTTPTransport)?
    /// Step id → campaign id, for every campaign this session has fetched or changed.
    var stepCampaigns: [String: Int] = [:]
    /// The shell's history file, for the `history` command.
    public var historyPath: String?

    /// Batch and Saleshandy request ids submitted in this session.
    var batchIDs: [String] = []

    /// What each id seen stands for: `Q4 outreach (DRAFT)`, `step 2 of Q4 outreach`, `3 mailboxes`.
    public var idLabels: [String: String] = [:]

    /// Ids seen in this session by kind, newest last, for completion.
    public var seenIDs: [ValueKind: [String]] {
        [
            .stepID: stepCampaigns.keys.sorted(), .campaignID: Set(stepCampaigns.values).sorted().map(String.init),
            .batchID: batchIDs,
        ]
    }

    /// Where progress lines go (stderr).
    let progress: (String) -> Void
    /// Whether stderr is a terminal (progress is redrawn in place) or not (plain lines).
    public var progressIsTerminal = false
    /// Whether results print as tables and trees (not JSON/YAML/CSV): `campaign show` draws a tree then.
    public var drawsTrees = true
    /// Whether stdout is a terminal (ids are dimmed in trees).
    public var stdoutIsTerminal = false
    /// The width trees fit (the terminal's, asked at each command: the window may be resized);
    /// nil for no limit.
    public var terminalWidth: @Sendable () -> Int? = { nil }
    /// `--dry-run`: bulk imports print their requests instead of sending them.
    public var dryRun = false
    /// Asks the person at the terminal a yes/no question (`[y/N]`), true for yes; nil without a
    /// terminal, where destructive commands need `--yes`.
    public var confirm: ((String) -> Bool)?
    /// Where a dry run shows requests (stdout).
    public var dryRunOutput: @Sendable (String) -> Void = { print($0) }
    /// Where import journals are kept; nil when the data is not kept either (an ephemeral sandbox).
    public var journalDirectory: String?
    /// The CA file the transport trusts besides the system's roots (`--ca-file` or the starting
    /// profile's `ca_file`); `profile use` refuses a profile that needs another one.
    public var activeCAFile: String?
    /// Whether `--ca-file` was given: it applies to every profile.
    public var caFileIsFixed = false

    /// Names the account an import journal belongs to: a fingerprint of the API key (another key
    /// is another account, whose import starts afresh), the profile and where it points. The
    /// fingerprint is 12 hex digits of the key's SHA-256: it names the key without revealing it.
    var profileKey: String {
        let key = client.configuration.apiKeys[provider] ?? ""
        let fingerprint = SHA256.hash(data: Data(key.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        return fingerprint + "-" + activeProfile + "-" + client.configuration.baseURL(for: provider).replacingOccurrences(of: "https://", with: "")
    }

    public init(
        client: OutreachClient, provider: Provider = .woodpecker, profiles: ProfileConfiguration? = nil, activeProfile: String = "sandbox",
        transport: (any HTTPTransport)? = nil, progress: @escaping (String) -> Void = { _ in }
    ) {
        self.client = client
        self.provider = provider
        self.profiles = profiles
        self.activeProfile = activeProfile
        self.transport = transport
        self.progress = progress
    }

    /// Switches to another profile (`profile use NAME`).
    func use(profile name: String) throws {
        guard let profiles, let transport else { throw RuntimeError("profiles do not apply with --sandbox") }
        let profile = try profiles.profile(name)
        if caFileIsFixed == false, profile.caFile != activeCAFile {
            throw RuntimeError(
                "profile '\(profile.name)' trusts \(profile.caFile.map { "the CA in \($0)" } ?? "only the system's roots"), this session \(activeCAFile.map { "the CA in \($0)" } ?? "only the system's roots"); start wps with --profile \(profile.name) (or give --ca-file)")
        }
        var configuration = profiles.clientConfiguration(for: profile)
        configuration.requestTimeout = client.configuration.requestTimeout  // --timeout holds for every profile
        client = OutreachClient(configuration: configuration, transport: transport)
        provider = profile.provider
        activeProfile = profile.name
    }

    /// Sends a request; API failures become runtime errors (exit 1), broken rules exit 2.
    func send<E: Endpoint>(_ endpoint: E, at range: SourceRange?) async throws -> E.Success {
        do {
            return try await client.send(endpoint)
        } catch let error as OutreachError {
            throw RuntimeError(error, at: range)
        }
    }

    /// Sends a request a command compiled to; broken rules are reported at the flags that
    /// produced the broken fields.
    func send<E: Endpoint>(_ endpoint: E, for command: Command) async throws -> E.Success {
        do {
            return try await client.send(endpoint)
        } catch let error as OutreachError where error.kind == .validation {
            throw FlagForField.error(error, command: command)
        } catch let error as OutreachError {
            throw RuntimeError(error, at: command.range)
        }
    }

    /// A campaign as a value, remembering its steps.
    func value(of campaign: Campaign) throws -> Value {
        idLabels[String(campaign.id)] = "\(campaign.name), \(campaign.status)"
        for (index, step) in campaign.steps.path.enumerated() {
            guard let id = step.id else { continue }
            stepCampaigns[id] = campaign.id
            idLabels[id] = index == 0 ? "START of \(campaign.name)" : "step \(index) of \(campaign.name)"
        }
        return try ValueEncoder().encode(campaign)
    }

    /// The campaign a step belongs to: `--campaign`, else what this session saw.
    func campaignID(forStep step: String, given: Int?, at range: SourceRange?) throws -> Int {
        if let given { return given }
        guard let id = stepCampaigns[step] else {
            throw RuntimeError("which campaign is step \(step) in? Give --campaign ID (or fetch the campaign first in this session)", at: range)
        }
        return id
    }
}
