import Foundation
import Testing

@testable import OutreachAPI

/// `followup_after`'s field defaults, and the add-step request carrying a nested step tree.
@Suite struct StepModelTests {
    static let version = EmailVersion(subject: nil, message: "<p>Hi</p>", signature: .sender, track_opens: true)
    static let window = DeliveryTime([.monday: [TimeWindow(from: "08:00", to: "18:00")]])
    static let parent = "9e8e8ebb-c9e1-4b8f-be37-a5542513dbee"

    @Test(arguments: [
        (#"{"range":"HOUR"}"#, FollowupAfter(range: .hour, value: 1)),
        (#"{"value":5}"#, FollowupAfter(range: .day, value: 5)),
        ("{}", FollowupAfter(range: .day, value: 1)),
        (#"{"range":null,"value":null}"#, FollowupAfter(range: .day, value: 1)),
        (#"{"range":"HOUR","value":13}"#, FollowupAfter(range: .hour, value: 13)),
    ])
    func followupAfterAppliesEachDefaultOnItsOwn(_ json: String, _ expected: FollowupAfter) throws {
        #expect(try JSONCoding.decode(FollowupAfter.self, from: Data(json.utf8)) == expected)
        let step = try JSONCoding.decode(
            Step.self, from: Data(#"{"type":"EMAIL","followup_after":\#(json)}"#.utf8))
        #expect(step.followup_after == expected)
        #expect(FollowupAfter() == .default && FollowupAfter.default == FollowupAfter(range: .day, value: 1))
    }

    @Test func followupAfterStillChecksItsValues() throws {
        let after = try JSONCoding.decode(FollowupAfter.self, from: Data(#"{"range":"WEEK"}"#.utf8))
        let step = Step.email(versions: [Self.version], deliveryTime: Self.window, followupAfter: after)
        #expect(
            Validation.newStep(NewStepRequest(parent_id: Self.parent, step: step)).map(\.description) == [
                "step.followup_after.range: must be DAY or HOUR, got WEEK"
            ])
    }

    @Test func theAddStepRequestCarriesAndChecksTheWholeSubtree() throws {
        let third = Step(type: .email, followup_after: FollowupAfter(value: 0))
        let second = Step.email(
            versions: [Self.version], deliveryTime: Self.window, followupAfter: FollowupAfter(range: .hour, value: 13),
            followup: third)
        let first = Step.email(versions: [Self.version], deliveryTime: Self.window, followup: second)
        let endpoint = Woodpecker.AddStep(campaignID: 7, NewStepRequest(parent_id: Self.parent, step: first))
        #expect(
            endpoint.validate().map(\.description) == [
                "step.followup.followup.delivery_time: must be provided",
                "step.followup.followup.body: must be provided",
                "step.followup.followup.followup_after.value: must be in 1…9999, got 0",
            ])

        let valid = Woodpecker.AddStep(
            campaignID: 7,
            NewStepRequest(
                parent_id: Self.parent,
                step: Step.email(versions: [Self.version], deliveryTime: Self.window, followup: second.withoutFollowup))
        )
        #expect(valid.validate() == [])
        let client = makeClient(TransportScript([]))
        let body = try #require(try client.prepare(valid).body)
        let sent = try JSONCoding.decode(NewStepRequest.self, from: body)
        #expect(sent.step?.path.count == 2)
        #expect(sent.step?.followup?.followup_after == FollowupAfter(range: .hour, value: 13))
        #expect(sent == valid.body)
    }
}

extension Step {
    /// The step alone, its follow-up dropped.
    fileprivate var withoutFollowup: Step {
        var copy = self
        copy.followup = nil
        return copy
    }
}
