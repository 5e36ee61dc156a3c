import Foundation
import OutreachAPI

/// Reads the bodies of `add_prospects_list` and `add_prospects_campaign` through ``JSONTree``
/// (absent, `null` and `""` stay apart, and every problem is named by its path), answering the
/// request-level v1 errors of docs/contract gaps 2–4, 10 and 11:
///
/// ```
/// not JSON, not an object                 → E_WRONG_PARAM
/// prospects missing, null or []           → E_REQUIRED_ELEMENT
/// prospects not a list, > 20,000          → E_WRONG_PARAM (prospects: at most 20000 per request, got N)
/// {"first_name": 5}                        → E_WRONG_PARAM (prospects[3].first_name: must be a string, got 5)
/// campaign.campaign_id missing             → E_REQUIRED_ELEMENT
/// campaign.send_after without an offset    → E_WRONG_PARAM (campaign.send_after: …)
/// ```
/// Unknown keys are ignored. Per-prospect problems (a missing email, a bad status) are not
/// errors here: each becomes its entry's own result.
enum ProspectImportDecoding {
    /// The request, or the v1 error for the whole request. `campaign` says which endpoint.
    static func decode(_ data: Data, campaign: Bool) throws(SandboxError) -> ProspectImport {
        guard !data.isEmpty else { throw SandboxError.v1(.wrongParam, "the request body is empty") }
        let tree: JSONTree
        do {
            tree = try JSONTreeParser.parse(data)
        } catch {
            throw SandboxError.v1(.wrongParam, "the request body is not valid JSON")
        }
        guard case .object(let root) = tree else {
            throw SandboxError.v1(.wrongParam, "the request body must be a JSON object, got \(tree.found)")
        }
        var request = ProspectImport()
        request.update = try flag("update", in: root)
        request.force = campaign ? try flag("force", in: root) : false
        if let name = root["file_name"], !Self.isString(name) {
            throw wrongType("file_name", "a string", name)
        }
        if campaign { request.campaign = try target(root["campaign"]) }
        request.prospects = try prospects(root["prospects"])
        return request
    }

    static func wrongType(_ path: String, _ kind: String, _ found: JSONTree) -> SandboxError {
        SandboxError.v1(.wrongParam, "\(path): must be \(kind), got \(found.found)")
    }

    static func isString(_ node: JSONTree) -> Bool {
        switch node {
        case .string, .null: true
        default: false
        }
    }

    /// A boolean option; absent or `null` is false.
    static func flag(_ name: String, in root: [String: JSONTree]) throws(SandboxError) -> Bool {
        switch root[name] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        case let other?: throw wrongType(name, "a boolean", other)
        }
    }

    /// `campaign`: its id (required) and `send_after`, checked by `Validation.prospectCampaign`.
    static func target(_ node: JSONTree?) throws(SandboxError) -> ProspectImport.Target {
        let members: [String: JSONTree]
        switch node {
        case nil, .null?: throw SandboxError.v1(.requiredElement, "campaign.campaign_id: must be provided")
        case .object(let found)?: members = found
        case let other?: throw wrongType("campaign", "an object", other)
        }
        let id: Int
        switch members["campaign_id"] {
        case nil, .null?: throw SandboxError.v1(.requiredElement, "campaign.campaign_id: must be provided")
        case .integer(let value)?: id = value
        case let other?: throw wrongType("campaign.campaign_id", "an integer", other)
        }
        var sendAfter: String?
        switch members["send_after"] {
        case nil, .null?: break
        case .string(let text)?: sendAfter = text
        case let other?: throw wrongType("campaign.send_after", "a string", other)
        }
        // The client's rules for the campaign part (the prospects' are per entry here).
        let problems = Validation.prospectCampaign(
            ProspectCampaignRequest(campaign: .init(campaign_id: id, send_after: sendAfter), prospects: [])
        ).filter { $0.path.hasPrefix("campaign.") }
        if let problem = problems.first { throw SandboxError.v1(.wrongParam, problem.description) }
        return ProspectImport.Target(campaignID: id, sendAfter: sendAfter.flatMap(SandboxTime.seconds(fromISO:)))
    }

    static func prospects(_ node: JSONTree?) throws(SandboxError) -> [ProspectImport.Entry] {
        let items: [JSONTree]
        switch node {
        case nil, .null?: throw SandboxError.v1(.requiredElement, "prospects: must be provided")
        case .array(let found)?: items = found
        case let other?: throw wrongType("prospects", "a list", other)
        }
        if items.isEmpty { throw SandboxError.v1(.requiredElement, "prospects: must hold at least one prospect") }
        let limit = Validation.maxProspectsPerRequest
        if items.count > limit {
            throw SandboxError.v1(.wrongParam, "prospects: at most \(limit) per request, got \(items.count)")
        }
        var entries: [ProspectImport.Entry] = []
        entries.reserveCapacity(items.count)
        for (index, item) in items.enumerated() { entries.append(try entry(item, index: index)) }
        return entries
    }

    /// One prospect: every field it names must be a string (`null` counts as left out, except
    /// for `email`, which must be a string when given).
    static func entry(_ node: JSONTree, index: Int) throws(SandboxError) -> ProspectImport.Entry {
        guard case .object(let members) = node else { throw wrongType("prospects[\(index)]", "an object", node) }
        var entry = ProspectImport.Entry()
        for (key, value) in members {
            let text: String?
            switch value {
            case .string(let found): text = found
            case .null where key != "email": text = nil
            default:
                guard key == "email" || key == "status" || key == "interested" || Prospect.columnIndex[key] != nil,
                    !key.hasPrefix("snipet")
                else { continue }
                throw wrongType("prospects[\(index)].\(key)", "a string", value)
            }
            switch key {
            case "email": entry.email = text
            case "status": entry.status = text
            case "interested": entry.interested = text
            default:
                // `snipet1`…`snipet4` are the listing's spellings, not input fields.
                if !key.hasPrefix("snipet"), let column = Prospect.columnIndex[key] { entry.values[column] = text }
            }
        }
        return entry
    }
}
