import Foundation
import OutreachAPI
import WPSLanguage

/// `campaign preview ID|FILE --prospect …`: each step's versions with snippets filled from a
/// prospect's fields or their fallbacks.
enum CampaignPreviewCommand {
    static let campaign = Positional<Value>("campaign", .any, what: "ID or FILE", read: .value)
    static let prospect = Flag<Value>(
        "prospect", .any, "prospect fields: a record, a JSON/YAML file, or first_name=Ann,company=Acme", read: .value)

    static let definition = CommandDefinition(
        ["campaign", "preview"],
        "Render each step's versions with snippets filled from a prospect record or their fallbacks.", category: .api,
        positionals: [campaign], flags: [prospect],
        examples: [#"campaign preview q4.yaml --prospect "first_name=Ann,company=Acme""#],
        sends: ["GET campaigns/{id} (given an id)"],
        tests: ["e2e:test_campaign_code.py::test_preview_fills_snippets_from_a_prospect_or_fallbacks"]
    ) { invocation, interpreter in
        let target = try invocation.required(campaign)
        // The prospect is read first: a bad file stops the command before anything is sent.
        let fields = try prospectFields(invocation)
        let spec: CampaignSpec
        if let id = Int(target.text) ?? (target.recordID) {
            let session = try interpreter.connection(for: invocation)
            spec = CampaignSpec(
                try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command))
        } else {
            spec = try AuthoringCommands.load(target.text, command: invocation.command)
        }
        var rows: [Value] = []
        for (index, step) in spec.steps.enumerated() {
            for (v, version) in step.versions.enumerated() {
                let letter = String(UnicodeScalar(UInt8(65 + v)))
                rows.append(
                    .record([
                        "step": .int(index + 1), "version": .string(letter), "window": .string(step.window),
                        "subject": version.subject.map { .string(SnippetLint.fill($0, from: fields)) }
                            ?? .string("(same thread)"),
                        "message": .string(SnippetLint.fill(version.message ?? "", from: fields)),
                    ]))
            }
        }
        return .list(rows)
    }

    /// `--prospect`: a record, a JSON/YAML file, or `key=value,key=value`.
    static func prospectFields(_ invocation: Invocation) throws -> [String: String] {
        guard let value = invocation[prospect] else { return [:] }
        let range = invocation.range(of: prospect)
        var record: Value = value
        if case .string(let text) = value {
            if FileManager.default.fileExists(atPath: text) {
                do { record = try ValueReader.read(text) } catch { throw RuntimeError(error.message, at: range) }
                if case .list(let items) = record, let first = items.first { record = first }
            } else {
                var fields: [String: String] = [:]
                for pair in text.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else {
                        throw RuntimeError(
                            "--prospect: write first_name=Ann,company=Acme, a record, or a JSON/YAML file; got '\(text)'",
                            at: range)
                    }
                    fields[String(parts[0]).trimmingCharacters(in: .whitespaces)] =
                        String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
                return fields
            }
        }
        guard case .record(let fields) = record else {
            throw RuntimeError("--prospect must be a record of fields", at: range)
        }
        var result: [String: String] = [:]
        for (key, field) in fields { result[key] = field.text }
        return result
    }
}
