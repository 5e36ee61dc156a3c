import Foundation
import OutreachAPI
import Yams

/// A campaign as a readable YAML file (`campaign export`, `campaign apply`, `campaign diff`,
/// `campaign lint`): settings, then the steps in order, with windows and waits in wps's notation.
///
/// ```yaml
/// name: Q4 outreach
/// id: 777001
/// accounts: [123001, 123002]
/// settings: {timezone: Europe/Berlin, daily_enroll: 50}
/// steps:
///   - window: MON-FRI 08:00-18:00
///     wait: 3d                 # before the next step (the API's followup_after)
///     versions:
///       - {subject: "Hi {{FIRST_NAME}}", message: "<p>…</p>"}
/// ```
public struct CampaignSpec: Codable, Sendable, Equatable {
    public var name: String
    public var id: Int?
    public var accounts: [Int]?
    public var settings: CampaignSettings?
    public var steps: [StepSpec]

    /// One EMAIL step.
    public struct StepSpec: Codable, Sendable, Equatable {
        public var window: String
        public var wait: String?
        public var versions: [VersionSpec]
    }

    /// One version (A, B, … in order).
    public struct VersionSpec: Codable, Sendable, Equatable {
        public var subject: String?
        public var message: String?
        public var signature: String?
        public var track_opens: Bool?
    }

    public init(
        name: String, id: Int? = nil, accounts: [Int]? = nil, settings: CampaignSettings? = nil, steps: [StepSpec]
    ) {
        self.name = name
        self.id = id
        self.accounts = accounts
        self.settings = settings
        self.steps = steps
    }

    /// The spec of a campaign as the API returned it.
    public init(_ campaign: Campaign) {
        name = campaign.name
        id = campaign.id
        accounts = campaign.email_account_ids
        settings = campaign.settings
        steps = campaign.steps.path.dropFirst().map { step in
            StepSpec(
                window: step.delivery_time.map(WindowNotation.format) ?? "",
                // Every step's wait, the last's too: the API keeps it, and a step added after
                // the last later waits that long.
                wait: step.followup_after.map(Self.waitText),
                versions: (step.body?.versions ?? []).map {
                    VersionSpec(
                        subject: ($0.subject ?? "").isEmpty ? nil : $0.subject, message: $0.message,
                        signature: $0.signature?.rawValue, track_opens: $0.track_opens)
                })
        }
    }

    static func waitText(_ after: FollowupAfter) -> String { "\(after.value)\(after.range == .hour ? "h" : "d")" }

    /// `3d`, `13h` → `followup_after`.
    static func followupAfter(_ text: String) -> FollowupAfter? {
        guard let unit = text.last, let value = Int(text.dropLast()), unit == "d" || unit == "h" else { return nil }
        return FollowupAfter(range: unit == "d" ? .day : .hour, value: value)
    }

    /// Reads a spec file.
    public static func load(_ path: String) throws(RuntimeError) -> CampaignSpec {
        try read(path).spec
    }

    /// The keys a spec may hold, by place; any other is reported with the closest of them.
    static let keys: [String: [String]] = [
        "": ["name", "id", "accounts", "settings", "steps"],
        "settings": ["timezone", "prospect_timezone", "daily_enroll", "gdpr_unsubscribe", "list_unsubscribe"],
        "step": ["window", "wait", "versions"],
        "version": ["subject", "message", "signature", "track_opens"],
    ]

    /// Reads a spec file with the places of its nodes, so every problem can name its line and
    /// column: syntax errors, unknown keys, missing fields and wrong types throw (`FILE:LINE:COL: …`),
    /// all of them at once.
    public static func read(_ path: String) throws(RuntimeError) -> (spec: CampaignSpec, locator: YAMLLocator) {
        let (spec, locator, structure) = try readStructure(path)
        if !structure.problems.isEmpty { throw RuntimeError(structure.problems.joined(separator: "\n")) }
        return (spec, locator)
    }

    /// Every problem of a spec file in one run, each located (`FILE:LINE:COL: path: message`):
    /// its structure, then windows, waits and snippets, then the documented rules of the request
    /// it compiles to (a field already reported is not reported again). Only a file that is not
    /// YAML, or not a mapping, throws.
    public static func lint(_ path: String) throws(RuntimeError) -> (spec: CampaignSpec, problems: [String]) {
        let (spec, locator, structure) = try readStructure(path)
        let later = spec.problems(excluding: structure.reportedPaths).map(locator.locate)
        return (spec, inFileOrder(structure.problems + later, name: locator.name))
    }

    /// Located problems in the file's order, as an editor walks it (stable: one place keeps its order).
    static func inFileOrder(_ problems: [String], name: String) -> [String] {
        problems.enumerated().sorted { a, b in
            let (l, r) = (place(of: a.element, in: name), place(of: b.element, in: name))
            return l != r ? l.line < r.line || (l.line == r.line && l.column < r.column) : a.offset < b.offset
        }.map(\.element)
    }

    /// The line and column a located problem starts with (`NAME:LINE:COL: …`).
    static func place(of problem: String, in name: String) -> (line: Int, column: Int) {
        let numbers = problem.dropFirst(name.count + 1).split(separator: ":", maxSplits: 2).prefix(2).compactMap {
            Int($0)
        }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : (0, 0)
    }

    static func readStructure(_ path: String) throws(RuntimeError) -> (CampaignSpec, YAMLLocator, CampaignSpecReader) {
        let locator = try YAMLLocator.load(path)
        guard let root = locator.root, root.mapping != nil else {
            throw RuntimeError(
                "\(locator.place(of: "")): a campaign spec is a mapping with name, accounts, settings and steps")
        }
        var reader = CampaignSpecReader(locator: locator)
        let spec = reader.read()
        return (spec, locator, reader)
    }

    static func path(_ keys: [any CodingKey]) -> String {
        YAMLLocator.path(keys)
    }

    /// The YAML text.
    public func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.width = -1
        encoder.options.allowUnicode = true
        // Messages of several lines as `|` blocks: the file is read and edited by people.
        encoder.options.newLineScalarStyle = .literal
        return try encoder.encode(self)
    }

    /// Every problem, offline: windows, waits, snippets, then the documented rules of the
    /// request it compiles to; each with its place in the spec. A problem about a path in
    /// `excluding` (or inside one) is left out: it was reported already.
    public func problems(excluding reported: Set<String> = []) -> [String] {
        var problems: [String] = []
        var paths = reported
        func add(_ path: String, _ message: String) {
            guard !paths.contains(where: { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }) else {
                return
            }
            problems.append("\(path): \(message)")
        }
        if steps.isEmpty, !reported.contains("steps") { add("steps", "must hold at least one step") }
        for (index, step) in steps.enumerated() {
            if !step.window.isEmpty || !reported.contains("steps[\(index)].window") {
                do { _ = try WindowNotation.parse(step.window) } catch {
                    add("steps[\(index)].window", "\(error.message) (at byte \(error.offset) of '\(step.window)')")
                }
            }
            if let wait = step.wait, Self.followupAfter(wait) == nil {
                add("steps[\(index)].wait", "write a wait such as 3d or 13h, got '\(wait)'")
            }
            for (v, version) in step.versions.enumerated() {
                for (field, text) in [("subject", version.subject), ("message", version.message)] {
                    for problem in SnippetLint.scan(text ?? "").problems {
                        add("steps[\(index)].versions[\(v)].\(field)", problem.message)
                    }
                }
            }
        }
        // The documented rules, on what the spec compiles to; a field already found wrong above
        // (a window that does not parse compiles to an empty one) is not reported twice.
        for problem in problems { paths.insert(String(problem.prefix { $0 != ":" })) }
        for problem in Validation.campaignDraft(draft()) { add(Self.specPath(problem.path), problem.message) }
        return problems
    }

    /// `steps.followup.followup.body.versions[0].subject` → `steps[1].versions[0].subject`;
    /// `email_account_ids` → `accounts`.
    static func specPath(_ path: String) -> String {
        if path.hasPrefix("email_account_ids") { return "accounts" + path.dropFirst("email_account_ids".count) }
        guard path.hasPrefix("steps") else { return path }
        var rest = Substring(path.dropFirst("steps".count))
        var depth = 0
        while rest.hasPrefix(".followup"), !rest.hasPrefix(".followup_after") {
            rest = rest.dropFirst(".followup".count)
            depth += 1
        }
        guard depth > 0 else { return path }
        return "steps[\(depth - 1)]"
            + rest.replacingOccurrences(of: ".body.versions", with: ".versions").replacingOccurrences(
                of: ".delivery_time", with: ".window")
    }

    /// The step chain the spec describes (windows assumed valid: check ``problems()`` first).
    func stepChain(from index: Int = 0) -> Step? {
        guard index < steps.count else { return nil }
        let spec = steps[index]
        return Step.email(
            versions: spec.versions.map(\.version),
            deliveryTime: (try? WindowNotation.parse(spec.window)) ?? DeliveryTime(),
            followupAfter: spec.wait.flatMap(Self.followupAfter), followup: stepChain(from: index + 1))
    }

    /// The body of `POST campaigns`.
    public func draft() -> CampaignDraft {
        var draft = CampaignDraft(name: name, email_account_ids: accounts, settings: settings)
        draft.steps = stepChain().map { Step.start($0) }
        return draft
    }
}

extension CampaignSpec.VersionSpec {
    var version: EmailVersion {
        EmailVersion(
            subject: subject, message: message, signature: Signature(rawValue: signature ?? "SENDER"),
            track_opens: track_opens ?? false)
    }
}
