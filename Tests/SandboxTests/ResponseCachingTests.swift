import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// `GET campaign` answers are reused while the campaign is unchanged: every change shows at once.
@Suite struct ResponseCachingTests {
    @Test func aCampaignAnswerFollowsEveryChange() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let (id, stepID, versionID) = try await createdCampaign(client, account: account)
            func subject() async throws -> String? {
                let body = try #require(try await client.call(.get, "/rest/v2/campaigns/\(id)").body as? [String: Any])
                let step = (body["steps"] as? [String: Any])?["followup"] as? [String: Any]
                return ((step?["body"] as? [String: Any])?["versions"] as? [[String: Any]])?.first?["subject"]
                    as? String
            }
            #expect(try await subject() == "Hi")
            #expect(try await subject() == "Hi")  // answered again from the cache
            _ = try await client.call(
                .patch, "/rest/v2/campaigns/\(id)/steps/\(stepID)/versions/\(versionID)",
                json: #"{"subject":"Changed"}"#)
            #expect(try await subject() == "Changed")
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/run").status == 200)
            #expect(
                (try await client.call(.get, "/rest/v2/campaigns/\(id)").body as? [String: Any])?["status"] as? String
                    == "RUNNING")
            // Another account asking for the same id is not answered from the cache.
            #expect(try await client.call(.get, "/rest/v2/campaigns/\(id)", key: "someone-else").status == 404)
            #expect(try await client.call(.delete, "/rest/v2/campaigns/\(id)").status == 200)
            #expect(try await client.call(.get, "/rest/v2/campaigns/\(id)").status == 404)
        }
    }

    @Test func everyAnswerSaysHowLongItTook() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for answer in [
                try await client.call(.get, "/rest/v2/campaigns"),
                try await client.call(.get, "/rest/v2/campaigns/999"),
            ] {
                let timing = try #require(answer.headers[HTTPField.Name("Server-Timing")!])
                #expect(timing.wholeMatch(of: /app;dur=[0-9]+\.[0-9]{3}/) != nil, "\(timing)")
            }
        }
    }
}
