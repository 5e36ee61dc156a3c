import OutreachAPI
import Sandbox
import TestSupport
import Testing

/// The documented error statuses not provoked elsewhere, each through the client.
@Suite struct DocumentedErrorTests {
    /// Every endpoint, answered with 500 by the sandbox's fault plan, decodes its documented shape.
    @Test func serverErrorsDecodeInEachEndpointsShape() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "500:1") }) { harness in
            let client = harness.client(attempts: 1)
            func check(
                _ shape: ErrorShape, code: String?, _ body: () async throws -> Void,
                sourceLocation: SourceLocation = #_sourceLocation
            ) async {
                let error = await expectAPIError(body, sourceLocation: sourceLocation)
                #expect(error?.status == 500, sourceLocation: sourceLocation)
                #expect(error?.shape == shape, sourceLocation: sourceLocation)
                if let code { #expect(error?.code == code, sourceLocation: sourceLocation) }
            }
            let uuid = "9e8e8ebb-c9e1-4b8f-be37-a5542513dbee"
            await check(.codeDetails, code: "UNKNOWN") {
                _ = try await client.send(Woodpecker.SubmitManualBatch(.init(mailboxes: [mailbox("e@example.com")])))
            }
            await check(.problem, code: "Internal server error") {
                _ = try await client.send(
                    Woodpecker.ConnectMicrosoftMailboxes(
                        .init(accounts: [MicrosoftAccount(mailbox_email: "e@example.com")])))
            }
            await check(.typeMessage, code: "UNKNOWN") {
                _ = try await client.send(Woodpecker.CreateCampaign(draft(accounts: [1])))
            }
            await check(.typeMessage, code: "UNKNOWN") { _ = try await client.send(Woodpecker.GetCampaign(id: 1)) }
            await check(.typeMessage, code: "UNKNOWN") { _ = try await client.send(Woodpecker.DeleteCampaign(id: 1)) }
            for action in Woodpecker.CampaignAction.Action.allCases {
                await check(.typeMessage, code: "UNKNOWN") {
                    _ = try await client.send(Woodpecker.CampaignAction(id: 1, action: action))
                }
            }
            await check(.typeMessage, code: "UNKNOWN") {
                _ = try await client.send(Woodpecker.UpdateCampaign(id: 1, CampaignPatch(name: "x")))
            }
            await check(.typeMessage, code: "UNKNOWN") {
                _ = try await client.send(
                    Woodpecker.UpdateVersion(campaignID: 1, stepID: uuid, versionID: "v", VersionPatch(subject: "x")))
            }
            await check(.typeMessage, code: "UNKNOWN") {
                _ = try await client.send(
                    Woodpecker.AddStep(campaignID: 1, NewStepRequest(parent_id: uuid, step: emailStep(subject: "x"))))
            }
            await check(.typeMessage, code: "UNKNOWN") {
                _ = try await client.send(Woodpecker.DeleteStep(campaignID: 1, stepID: uuid))
            }
            await check(.message, code: nil) { _ = try await client.send(Saleshandy.GetConnectStatus(requestID: "1")) }
        }
    }

    @Test func missingFeaturesOnAFreePlan() async throws {
        try await SandboxHarness.with { harness in
            let free = harness.client(key: "free-plan")
            let accounts = try await connectMailboxes(free, ["f@example.com"])
            let create = await expectAPIError {
                _ = try await free.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            }
            #expect(create?.status == 403)
            #expect(create?.code == "MISSING_FEATURES")
            var single = draft(accounts: accounts)
            single.steps = .start(emailStep(subject: "one"))
            let campaign = try await free.send(Woodpecker.CreateCampaign(single))
            let leaf = try #require(campaign.steps.leaf.id)
            let add = await expectAPIError {
                _ = try await free.send(
                    Woodpecker.AddStep(
                        campaignID: campaign.id,
                        NewStepRequest(parent_id: leaf, step: emailStep(subject: "ab", versions: 2))))
            }
            #expect(add?.status == 403)
        }
    }

    @Test func editorBuiltCampaigns() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["ed@example.com"])
            let editor = try await client.send(
                Woodpecker.CreateCampaign(draft(accounts: accounts, name: "Imported [editor]")))
            let get = await expectAPIError { _ = try await client.send(Woodpecker.GetCampaign(id: editor.id)) }
            #expect(get?.status == 409)
            #expect(get?.code == "API_UNSUPPORTED_CAMPAIGN_FEATURES")
            let run = await expectAPIError {
                _ = try await client.send(Woodpecker.CampaignAction(id: editor.id, action: .run))
            }
            #expect(run?.code == "API_UNSUPPORTED_CAMPAIGN_FEATURES")
            let workflow = try await client.send(
                Woodpecker.CreateCampaign(draft(accounts: accounts, name: "Nurture [workflow]")))
            let delete = await expectAPIError { _ = try await client.send(Woodpecker.DeleteCampaign(id: workflow.id)) }
            #expect(delete?.status == 409)
            #expect(delete?.code == "CAMPAIGN_RELATED_TO_ACTIVE_WORKFLOW")
        }
    }

    @Test func badRequestsToPatchAndStepEndpoints() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["br@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            let patch = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.UpdateCampaign(
                        id: campaign.id, CampaignPatch(settings: CampaignSettings(timezone: "Nowhere"))),
                    validate: false)
            }
            #expect(patch?.status == 400)
            #expect(patch?.code == "INPUT_DATA_VALIDATION_FAILURE")
            #expect(patch?.message?.contains("settings.timezone") == true)
            let step = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.AddStep(
                        campaignID: campaign.id,
                        NewStepRequest(parent_id: campaign.steps.leaf.id, step: emailStep(subject: nil, versions: 6))),
                    validate: false)
            }
            #expect(step?.status == 400)
            let missing = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.AddStep(
                        campaignID: 424_242,
                        NewStepRequest(parent_id: campaign.steps.leaf.id, step: emailStep(subject: "x"))))
            }
            #expect(missing?.status == 404)

            // Versions cannot change once the campaign runs.
            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .run))
            let first = try #require(campaign.steps.followup)
            let locked = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.UpdateVersion(
                        campaignID: campaign.id, stepID: first.id ?? "", versionID: first.body?.versions[0].id ?? "",
                        VersionPatch(subject: "x")))
            }
            #expect(locked?.status == 409)
            #expect(locked?.code == "NOT_EDITABLE_STATUS")
        }
    }

    @Test func unknownPathsAndSaleshandyAuth() async throws {
        try await SandboxHarness.with { harness in
            var configuration = harness.client().configuration
            configuration.baseURLs[.woodpecker] = harness.sandbox.baseURL + "/rest/v9"
            let lost = OutreachClient(configuration: configuration, transport: harness.transport)
            let notFound = await expectAPIError {
                _ = try await lost.send(
                    Woodpecker.ConnectMicrosoftMailboxes(
                        .init(accounts: [MicrosoftAccount(mailbox_email: "a@example.com")])))
            }
            #expect(notFound?.status == 404)
            #expect(notFound?.shape == .problem)
            #expect(notFound?.message == "Requested resource does not exist")

            let anonymous = await expectAPIError {
                _ = try await harness.client(key: "  ").send(Saleshandy.GetConnectStatus(requestID: "1"))
            }
            #expect(anonymous?.status == 401)
            #expect(anonymous?.shape == .message)
        }
    }
}
