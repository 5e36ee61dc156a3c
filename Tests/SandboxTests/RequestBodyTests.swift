import Foundation
import HTTPTypes
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// How request bodies that do not decode are answered: one message per body, naming the field
/// and the expected type, in each endpoint's own error shape.
@Suite struct RequestBodyTests {
    static let mailbox =
        #"{"smtp_email":"a@example.com","smtp_password":"pw","smtp_server":"smtp.example.com","smtp_port":587.5}"#

    /// (method, path, body, the documented shape's key, the message).
    static let typeErrors: [(HTTPRequest.Method, String, String, String, String)] = [
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", #"{"mailboxes":[null]}"#, "code",
            "mailboxes[0]: must be an object, got null"
        ),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", #"{"mailboxes":[5]}"#, "code",
            "mailboxes[0]: must be an object, got 5"
        ),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", #"{"mailboxes":{}}"#, "code",
            "mailboxes: must be an array, got an object"
        ),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", "[]", "code",
            "the request body must be a JSON object, got an array"
        ),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", #"{"mailboxes":[\#(mailbox)]}"#, "code",
            "mailboxes[0].smtp_port: must be an integer, got 587.5"
        ),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk",
            #"{"mailboxes":[{"smtp_port":99999999999999999999999}]}"#,
            "code", "mailboxes[0].smtp_port: must be an integer, got 99999999999999999999999"
        ),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", #"{"mailboxes":[{"smtp_email":true}]}"#, "code",
            "mailboxes[0].smtp_email: must be a string, got true"
        ),
        (.post, "/rest/v2/mailboxes/manual_connection/bulk", #"{}"#, "code", "mailboxes: must be provided"),
        (
            .post, "/rest/v2/mailboxes/manual_connection/bulk", #"{"mailboxes": ["#, "code",
            "the request body is not valid JSON"
        ),
        (.post, "/rest/v2/campaigns", #"{"settings":[]}"#, "type", "settings: must be an object, got an array"),
        (
            .post, "/rest/v2/campaigns", #"{"settings":{"daily_enroll":50.5}}"#, "type",
            "settings.daily_enroll: must be an integer, got 50.5"
        ),
        (.post, "/rest/v2/campaigns", "[]", "type", "the request body must be a JSON object, got an array"),
        (.post, "/rest/v2/campaigns", "null", "type", "the request body must be a JSON object, got null"),
        (
            .post, "/rest/v2/campaigns",
            #"{"steps":{"type":"START","followup":{"type":"EMAIL","body":{"versions":[null]}}}}"#,
            "type", "steps.followup.body.versions[0]: must be an object, got null"
        ),
        (
            .patch, "/rest/v2/campaigns/1", #"{"settings":{"daily_enroll":50.5}}"#, "type",
            "settings.daily_enroll: must be an integer, got 50.5"
        ),
        (.post, "/rest/v2/campaigns/1/steps", #"{"parent_id":5}"#, "type", "parent_id: must be a string, got 5"),
        (
            .patch, "/rest/v2/campaigns/1/steps/s/versions/v", #"{"track_opens":"yes"}"#, "type",
            "track_opens: must be a boolean, got a string"
        ),
        (.post, "/v1/email-accounts/connect", "{}", "message", "the request body must be a JSON array, got an object"),
        (.post, "/v1/email-accounts/connect", "[null]", "message", "[0]: must be an object, got null"),
        (
            .post, "/v1/email-accounts/connect", #"[{"smtpPort":465.5}]"#, "message",
            "[0].smtpPort: must be an integer, got 465.5"
        ),
    ]

    @Test(arguments: typeErrors.indices)
    func typeErrorsNameTheFieldAndTheExpectedType(_ index: Int) async throws {
        let (method, path, body, shapeKey, message) = Self.typeErrors[index]
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.call(method, path, json: body)
            #expect(answer.status == 400, "\(body)")
            let object = try #require(answer.body as? [String: Any], "\(body)")
            #expect(object[shapeKey] != nil, "\(body)")
            #expect(errorMessage(object)?.hasSuffix(message) == true, "\(body): \(errorMessage(object) ?? "nil")")
            if shapeKey == "type" { #expect(object["type"] as? String == "INPUT_DATA_VALIDATION_FAILURE") }
            if shapeKey == "code" { #expect(object["code"] as? String == "VALIDATION_FAILURE") }
        }
    }

    @Test func microsoftTypeErrorsKeepTheDocumentedBodilessAnswer() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for body in [#"{"accounts":[null]}"#, "[]", #"{"credential_id":1.5,"accounts":[]}"#] {
                let answer = try await client.call(.post, "/rest/v2/mailboxes/microsoft/bulk", json: body)
                #expect(answer.status == 400 && answer.body == nil, "\(body)")
            }
        }
    }

    @Test func theMappingLocatesNumbersJSONDecoderCannotPlace() {
        func message<T: Decodable>(_ type: T.Type, _ json: String) -> String? {
            guard case .failure(let problem) = RequestBodyDecoding.decode(type, from: Data(json.utf8)) else {
                return nil
            }
            return problem.message
        }
        #expect(
            message(CampaignPatch.self, #"{"email_account_ids":[1, 2.5]}"#)
                == "email_account_ids[1]: must be an integer, got 2.5")
        #expect(
            message(CampaignPatch.self, #"{"email_account_ids":[1e400]}"#)
                == "email_account_ids[0]: must be an integer, got a number out of range")
        #expect(message(CampaignPatch.self, #"{"email_account_ids":[1, 2.0, 3e2]}"#) == nil)  // whole numbers decode
        #expect(message(CampaignPatch.self, #"{"name":"x""#) == "the request body is not valid JSON")
        #expect(message(CampaignPatch.self, #""a password""#) == "the request body must be a JSON object, got a string")
    }

    @Test func aBodyOverTheLimitGets413InTheEndpointsShape() async throws {
        let sandbox = try await TestSandbox { $0.maxBodySize = 64 }
        let big = #"{"name":""# + String(repeating: "x", count: 100) + #""}"#
        try await sandbox.app.test(.router) { client in
            let bulk = try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: big)
            #expect(bulk.status == 413)
            let bulkBody = try #require(bulk.body as? [String: Any])
            #expect(bulkBody["code"] as? String == "VALIDATION_FAILURE")
            #expect(
                bulkBody["details"] as? [String] == ["The request body is larger than the sandbox accepts (64 bytes)"])

            for path in ["/rest/v2/campaigns", "/rest/v2/campaigns/1", "/rest/v2/campaigns/1/steps"] {
                let campaign = try await client.call(path.hasSuffix("/1") ? .patch : .post, path, json: big)
                #expect(campaign.status == 413, "\(path)")
                let body = try #require(campaign.body as? [String: Any], "\(path)")
                #expect(body["type"] as? String == "INPUT_DATA_VALIDATION_FAILURE", "\(path)")
                #expect(body["message"] as? String == "The request body is larger than the sandbox accepts (64 bytes)")
                #expect(body.keys.contains("details") && body["details"] is NSNull, "\(path)")
            }

            let saleshandy = try await client.call(.post, "/v1/email-accounts/connect", json: big)
            #expect(saleshandy.status == 413)
            let saleshandyBody = try #require(saleshandy.body as? [String: Any])
            #expect(saleshandyBody.keys.sorted() == ["message"])
            #expect(
                saleshandyBody["message"] as? String == "The request body is larger than the sandbox accepts (64 bytes)"
            )

            let microsoft = try await client.call(.post, "/rest/v2/mailboxes/microsoft/bulk", json: big)
            #expect(microsoft.status == 413 && microsoft.body == nil)

            let other = try await client.call(.get, "/rest/v2/mailboxes", json: big)
            #expect(other.status == 413)
            #expect((other.body as? [String: Any])?["title"] as? String == "Payload Too Large")
            #expect((other.body as? [String: Any])?["status"] as? Int == 413)

            let atLimit = String(repeating: " ", count: 62)
            #expect(try await client.call(.post, "/rest/v2/campaigns", json: "{" + atLimit + "}").status == 400)
        }
    }
}
