import Foundation

// MARK: Prospect request bodies as JSON text (the v1 prospect endpoints)

/// A JSON object of string fields, e.g. `prospectJSON("a@example.com", ["first_name": "Ann"])`.
public func prospectJSON(_ email: String, _ fields: [String: String] = [:]) -> String {
    var object = fields
    object["email"] = email
    return jsonText(object)
}

/// `{"prospects":[…], …}` with `extra` members (`"update":true`) before the list.
public func prospectsBody(_ prospects: [String], extra: String? = nil) -> String {
    "{" + (extra.map { $0 + "," } ?? "") + #""prospects":["# + prospects.joined(separator: ",") + "]}"
}

/// An `add_prospects_campaign` body for campaign `id`.
public func campaignProspectsBody(_ id: Int, _ prospects: [String], sendAfter: String? = nil, extra: String? = nil)
    -> String
{
    let target = sendAfter.map { #"{"campaign_id":\#(id),"send_after":"\#($0)"}"# } ?? #"{"campaign_id":\#(id)}"#
    return prospectsBody(prospects, extra: #""campaign":\#(target)"# + (extra.map { "," + $0 } ?? ""))
}

/// `count` prospects `p<start+i>@example.com` with a first name and a company, as JSON objects.
public func numberedProspects(_ count: Int, from start: Int = 0, domain: String = "example.com") -> [String] {
    (start..<(start + count)).map { index in
        #"{"email":"p\#(index)@\#(domain)","first_name":"First\#(index)","company":"Co \#(index % 7)"}"#
    }
}

/// JSON text of a string dictionary (sorted keys, so bodies are stable).
public func jsonText(_ object: [String: String]) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}
