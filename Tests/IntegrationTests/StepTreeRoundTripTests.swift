import OutreachAPI
import Sandbox
import TestSupport
import Testing

/// `POST campaigns/{id}/steps` with a nested step tree, client ↔ sandbox.
@Suite struct StepTreeRoundTripTests {
    @Test func addingAStepWithFollowupsAddsThemAll() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["tree@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            let leaf = try #require(campaign.steps.leaf.id)

            var last = emailStep(subject: nil, message: "<p>Last</p>")
            last.followup_after = nil
            let subtree = emailStep(
                subject: "Third", message: "<p>Third</p>", followup: emailStep(subject: nil, followup: last))
            let added = try await client.send(
                Woodpecker.AddStep(campaignID: campaign.id, NewStepRequest(parent_id: leaf, step: subtree)))
            let path = added.steps.path
            #expect(path.count == campaign.steps.path.count + 3)
            #expect(
                path.suffix(3).map { $0.body?.versions.first?.message } == [
                    "<p>Third</p>", "<p>Hi {{FIRST_NAME}}</p>", "<p>Last</p>",
                ])
            #expect(
                path.suffix(3).map(\.followup_after) == [
                    FollowupAfter(range: .day, value: 3), FollowupAfter(range: .day, value: 3), .default,
                ])
            #expect(path.allSatisfy { $0.id?.count == 36 })
            #expect(path.dropFirst().allSatisfy { $0.body?.versions.allSatisfy { $0.id?.count == 64 } == true })
            #expect(try await client.send(Woodpecker.GetCampaign(id: campaign.id)) == added)

            // The client checks the nested steps before sending; the sandbox checks them too.
            let broken = emailStep(subject: "x", followup: Step(type: .email))
            let request = Woodpecker.AddStep(
                campaignID: campaign.id, NewStepRequest(parent_id: added.steps.leaf.id, step: broken))
            do {
                _ = try await client.send(request)
                Issue.record("expected a validation error")
            } catch let error as OutreachError {
                #expect(error.kind == .validation)
                #expect(error.problems.map(\.path) == ["step.followup.delivery_time", "step.followup.body"])
            }
            let refused = await expectAPIError { _ = try await client.send(request, validate: false) }
            #expect(refused?.status == 400)
            #expect(refused?.message?.contains("step.followup.body: must be provided") == true)
            #expect(try await client.send(Woodpecker.GetCampaign(id: campaign.id)).steps.path.count == path.count)
        }
    }
}
