import Foundation
import OutreachAPI
import WPSLanguage

/// `campaign preview ID|FILE --prospect …`: each step's versions with snippets filled from a
/// prospect's fields or their fallbacks.
enum CampaignPreviewCommand {
    static let campaign = Positional<Value>("campaign", .any, what: "ID or FILE", read: .value)
    static let prospect = Flag<Value>(
        "prospect", .any,
        "a stored prospect's EMAIL, or its fields: a record, a JSON/YAML file, or first_name=Ann,company=Acme",
        read: .value)

    static let definition = CommandDefinition(
        ["campaign", "preview"],
        "Render each step's versions with snippets filled from a prospect record or their fallbacks.", category: .api,
        positionals: [campaign], flags: [prospect],
        examples: [
            #"campaign preview q4.yaml --prospect "first_name=Ann,company=Acme""#,
            "prospect add ann@acme.com --first-name Ann; campaign preview 777001 --prospect ann@acme.com",
        ],
        sends: ["GET campaigns/{id} (given an id)", "GET /rest/v1/prospects (given a prospect's email)"],
        tests: ["e2e:test_campaign_code.py::test_preview_fills_snippets_from_a_prospect_or_fallbacks"]
    ) { invocation, interpreter in
        let target = try invocation.required(campaign)
        // The prospect is read first: a bad file or an unknown email stops the command before the
        // campaign is fetched.
        var fields = try prospectFields(invocation)
        if let email = storedProspectEmail(invocation) {
            fields = try await storedProspect(email, invocation: invocation, interpreter: interpreter)
        }
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

    /// The email `--prospect` names, when it is one (an address, not a file nor `key=value` pairs).
    static func storedProspectEmail(_ invocation: Invocation) -> String? {
        guard case .string(let text) = invocation[prospect] ?? .null else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains("@"), !trimmed.contains("="), !trimmed.contains(","),
            !FileManager.default.fileExists(atPath: trimmed)
        else { return nil }
        return trimmed
    }

    /// The fields of the stored prospect with this email (its blank fields left out, so the
    /// snippets' fallbacks apply).
    static func storedProspect(_ email: String, invocation: Invocation, interpreter: Interpreter) async throws
        -> [String: String]
    {
        let session = try interpreter.connection(for: invocation)
        let range = invocation.range(of: prospect)
        guard Validation.isValidEmail(email) else {
            throw RuntimeError("--prospect: '\(email)' is not a valid email address", at: range)
        }
        let query = ProspectQuery(per_page: 10, search: [("email", email)])
        let page = try await session.connection.send(Woodpecker.ListProspects(query), at: range)
        guard let found = page.prospects.first(where: { $0.email.lowercased() == email.lowercased() }) else {
            throw RuntimeError(
                "--prospect: no prospect \(email) in the account (prospect add \(email) … stores one)", at: range,
                exitCode: 1)
        }
        var fields: [String: String] = ["email": found.email]
        for field in ProspectRecord.recordTextFields {
            if let value = found.fields[field], !value.isEmpty { fields[field] = value }
        }
        for (number, value) in found.fields.snippets where !value.isEmpty { fields["snippet\(number)"] = value }
        return fields
    }

    /// `--prospect`: a record, a JSON/YAML file, or `key=value,key=value`.
    static func prospectFields(_ invocation: Invocation) throws -> [String: String] {
        if storedProspectEmail(invocation) != nil { return [:] }
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
