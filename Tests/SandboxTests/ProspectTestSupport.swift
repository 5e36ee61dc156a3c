import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// What a v1 call answered, read for the prospect tests.
struct V1Answer {
    let status: Int
    let headers: HTTPFields
    let body: Any?

    /// The per-prospect entries of a bulk answer.
    var entries: [[String: Any]] { ((body as? [String: Any])?["prospects"] as? [[String: Any]]) ?? [] }
    /// The records of a listing.
    var records: [[String: Any]] { (body as? [[String: Any]]) ?? [] }
    /// `status.code` of a v1 body.
    var code: String? { ((body as? [String: Any])?["status"] as? [String: Any])?["code"] as? String }
    var msg: String? { ((body as? [String: Any])?["status"] as? [String: Any])?["msg"] as? String }
    var total: Int? { headers[HTTPField.Name("X-Total-Count")!].flatMap { Int($0) } }
}

extension TestClientProtocol {
    func v1(_ method: HTTPRequest.Method, _ path: String, key: String? = "test-key", json body: String? = nil)
        async throws -> V1Answer
    {
        let answer = try await call(method, path, key: key, json: body)
        return V1Answer(status: answer.status, headers: answer.headers, body: answer.body)
    }

    func addToList(_ prospects: [String], extra: String? = nil, key: String = "test-key") async throws -> V1Answer {
        try await v1(.post, "/rest/v1/add_prospects_list", key: key, json: prospectsBody(prospects, extra: extra))
    }

    func addToCampaign(
        _ id: Int, _ prospects: [String], sendAfter: String? = nil, extra: String? = nil, key: String = "test-key"
    ) async throws -> V1Answer {
        try await v1(
            .post, "/rest/v1/add_prospects_campaign", key: key,
            json: campaignProspectsBody(id, prospects, sendAfter: sendAfter, extra: extra))
    }

    func prospects(_ query: String = "", key: String = "test-key") async throws -> V1Answer {
        try await v1(.get, "/rest/v1/prospects" + (query.isEmpty ? "" : "?" + query), key: key)
    }
}

/// A test sandbox with one campaign (on a connected mailbox): the campaign's id.
func sandboxCampaign(_ client: some TestClientProtocol, _ sandbox: TestSandbox, key: String = "test-key")
    async throws -> Int
{
    let account = try await connectedAccount(client, sandbox, key: key)
    let created = try await client.call(
        .post, "/rest/v2/campaigns", key: key, json: String(format: campaignBody, "\(account)"))
    return try #require((created.body as? [String: Any])?["id"] as? Int)
}
