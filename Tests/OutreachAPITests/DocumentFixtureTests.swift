import Foundation
import Testing

@testable import OutreachAPI

/// The vendor documents' JSON examples as fixtures (see Fixtures/README.md).
enum Fixture {
    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try Data(contentsOf: url)
    }

    /// JSON as plain values with every `null` member removed: the documents write `null` where
    /// a field is absent and the API treats both alike, so "without loss" means equal under that.
    static func normalized(_ data: Data) throws -> NSObject {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.filter { !($0.value is NSNull) }.mapValues(strip)
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return try #require(strip(value) as? NSObject)
    }
}

@Suite struct DocumentFixtureTests {
    /// Decodes a request example, checks it against the rules, and re-encodes it without loss.
    func roundTrip<T: Codable>(_ type: T.Type, _ name: String, rules: (T) -> [ValidationProblem]) throws {
        let data = try Fixture.data(name)
        let value = try JSONCoding.decode(T.self, from: data)
        #expect(rules(value) == [], "\(name)")
        let encoded = try JSONCoding.encode(value)
        let expected = try Fixture.normalized(data)
        #expect(try Fixture.normalized(encoded) == expected, "\(name)")
    }

    @Test func normalizationStillSeesDifferences() throws {
        let one = try Fixture.normalized(Data(#"{"a":1,"b":null}"#.utf8))
        #expect(one == (try Fixture.normalized(Data(#"{"a":1}"#.utf8))))
        #expect(one != (try Fixture.normalized(Data(#"{"a":2}"#.utf8))))
        #expect(one != (try Fixture.normalized(Data(#"{"a":1,"c":0}"#.utf8))))
    }

    @Test func requestExamplesAreValidAndLossless() throws {
        try roundTrip(CampaignDraft.self, "woodpecker-create-campaign-request.json", rules: Validation.campaignDraft)
        try roundTrip(NewStepRequest.self, "woodpecker-add-step-request.json", rules: Validation.newStep)
        try roundTrip(CampaignPatch.self, "woodpecker-update-campaign-request.json", rules: Validation.campaignPatch)
        try roundTrip(VersionPatch.self, "woodpecker-update-version-request.json", rules: Validation.versionPatch)
        try roundTrip(ManualBulkRequest.self, "woodpecker-manual-bulk-request.json", rules: Validation.manualBulk)
        try roundTrip(
            MicrosoftBulkRequest.self, "woodpecker-microsoft-bulk-request.json", rules: Validation.microsoftBulk)
        try roundTrip(
            [SaleshandyEmailAccount].self, "saleshandy-connect-request.json", rules: Validation.saleshandyAccounts)
    }

    @Test func responseExamplesDecodeAndReencodeWithoutLoss() throws {
        func check<T: Codable>(_ type: T.Type, _ name: String) throws -> T {
            let data = try Fixture.data(name)
            let value = try JSONCoding.decode(T.self, from: data)
            let expected = try Fixture.normalized(data)
            #expect(try Fixture.normalized(JSONCoding.encode(value)) == expected, "\(name)")
            return value
        }
        let campaign = try check(Campaign.self, "woodpecker-campaign-response.json")
        #expect(campaign.id == 777_777)
        #expect(campaign.status == .draft)
        #expect(campaign.steps.path.map(\.type) == [.start, .email, .email])
        #expect(campaign.steps.followup?.body?.versions.map(\.version) == ["A", "B"])
        #expect(
            campaign.steps.followup?.delivery_time?.days.map(\.day) == [
                .monday, .tuesday, .wednesday, .thursday, .friday, .saturday,
            ])
        #expect(campaign.steps.followup?.delivery_time?[.saturday]?.count == 2)

        let added = try check(Campaign.self, "woodpecker-add-step-response.json")
        #expect(added.steps.leaf.followup_after == FollowupAfter(range: .hour, value: 13))
        _ = try check(Campaign.self, "woodpecker-delete-step-response.json")
        let version = try check(EmailVersion.self, "woodpecker-update-version-response.json")
        #expect(version.version == "A" && version.signature == .sender)
        #expect(try check(BatchAccepted.self, "woodpecker-manual-bulk-response.json").batch_id == 1234)
        let summary = try check(BatchSummary.self, "woodpecker-batch-summary-response.json")
        #expect(summary.conditionally_connected_mailboxes.first?.smtp_login == nil)
        let all = try check([MicrosoftMailboxResult].self, "woodpecker-microsoft-201.json")
        #expect(all.allSatisfy { $0.success })
        let mixed = try check([MicrosoftMailboxResult].self, "woodpecker-microsoft-207.json")
        #expect(mixed.map(\.error) == [nil, "WRONG_ALIAS"])
        let accepted = try check(SaleshandyConnectAccepted.self, "saleshandy-connect-response.json")
        #expect(accepted.payload.requestId == "129a184")
    }

    @Test func campaignErrorExamplesDecode() throws {
        struct Example: Decodable {
            let status: Int
            let body: ErrorBody.TypeMessage
        }
        let examples = try JSONCoding.decode([Example].self, from: Fixture.data("woodpecker-campaign-errors.json"))
        #expect(examples.count >= 8)
        for example in examples {
            let body = try JSONCoding.encode(example.body)
            let error = APIError.decode(status: example.status, body: body, endpoint: "GET campaigns/1")
            #expect(error.shape == .typeMessage)
            #expect(error.code == example.body.type)
            #expect(error.message == example.body.message)
            #expect(error.details == [])
            #expect(error.status == example.status)
        }
        #expect(
            Set(examples.map(\.body.type)).isSuperset(of: [
                "CAMPAIGN_NOT_EXIST", "API_UNSUPPORTED_CAMPAIGN_FEATURES", "CAMPAIGN_RELATED_TO_ACTIVE_WORKFLOW",
                "MISSING_FEATURES",
                "VALIDATION_FAILURE", "INPUT_DATA_VALIDATION_FAILURE", "NOT_EDITABLE_STATUS", "UNKNOWN",
            ]))
    }

    @Test func problemMessageAndCodeShapesDecode() throws {
        let problems = try JSONCoding.decode(
            [ErrorBody.Problem].self, from: Fixture.data("woodpecker-problem-errors.json"))
        #expect(problems.map(\.status) == [401, 404, 500])
        for problem in problems {
            let error = APIError.decode(
                status: problem.status, body: try JSONCoding.encode(problem), endpoint: "POST mailboxes/microsoft/bulk")
            #expect(error.shape == .problem)
            #expect(error.code == problem.title)
            #expect(error.message == problem.detail)
        }
        let unprocessable = APIError.decode(
            status: 422, body: try Fixture.data("woodpecker-microsoft-422.json"), endpoint: "x")
        #expect(unprocessable.shape == .message)
        #expect(unprocessable.code == "INVALID_CREDENTIAL_ID")
        let bulk = APIError.decode(
            status: 400, body: try Fixture.data("woodpecker-manual-bulk-error.json"), endpoint: "x")
        #expect(bulk.shape == .codeDetails)
        #expect(bulk.code == "VALIDATION_FAILURE")
        #expect(bulk.details == ["mailboxes[0].smtp_port: must be in 1…65535"])
    }

    @Test func bodilessAndUnknownErrorBodies() {
        let bodiless = APIError.decode(
            status: 404, body: nil, endpoint: "GET mailboxes/manual_connection/bulk/1/summary")
        #expect(bodiless.shape == ErrorShape.none)
        #expect(bodiless.code == nil)
        #expect(bodiless.description == "GET mailboxes/manual_connection/bulk/1/summary: HTTP 404")
        let html = APIError.decode(status: 502, body: Data("<html>Bad gateway</html>".utf8), endpoint: "x")
        #expect(html.message == "<html>Bad gateway</html>")
        let empty = APIError.decode(status: 400, body: Data(), endpoint: "x")
        #expect(empty.shape == ErrorShape.none)
    }
}
