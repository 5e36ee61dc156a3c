import OutreachAPI
import Sandbox
import TestSupport
import Testing

@Suite struct CampaignRoundTripTests {
    @Test func createGetListUpdateAndDelete() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["a@example.com", "b@example.com"])
            #expect(accounts.count == 2)

            let created = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            #expect(created.status == .draft)
            #expect(created.name == "Q4 outreach")
            #expect(created.email_account_ids == accounts)
            #expect(created.settings.prospect_timezone == false)
            let first = try #require(created.steps.followup)
            #expect(created.steps.type == .start)
            #expect(created.steps.id?.count == 36)
            #expect(first.body?.versions.map(\.version) == ["A", "B"])
            #expect(first.body?.versions.allSatisfy { ($0.id?.count ?? 0) == 64 } == true)
            let second = try #require(first.followup)
            #expect(second.body?.versions.first?.subject == "")  // null comes back as "", as documented
            #expect(second.followup_after == FollowupAfter(range: .day, value: 3))

            #expect(try await client.send(Woodpecker.GetCampaign(id: created.id)) == created)
            let list = try await client.send(Woodpecker.ListCampaigns())
            #expect(list.contains(CampaignSummary(id: created.id, name: created.name, status: .draft)))

            let renamed = try await client.send(
                Woodpecker.UpdateCampaign(
                    id: created.id, CampaignPatch(name: "", settings: CampaignSettings(daily_enroll: 80))))
            #expect(renamed.name == "My campaign \(created.id)")
            #expect(renamed.settings.daily_enroll == 80)
            #expect(renamed.settings.timezone == "Europe/Berlin")

            _ = try await client.send(Woodpecker.DeleteCampaign(id: created.id))
            let gone = await expectAPIError { _ = try await client.send(Woodpecker.GetCampaign(id: created.id)) }
            #expect(gone?.status == 404)
            #expect(gone?.code == "CAMPAIGN_NOT_EXIST")
            #expect(gone?.message == "Campaign not found")
        }
    }

    @Test func statusMachine() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["run@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            func status() async throws -> CampaignStatus {
                try await client.send(Woodpecker.GetCampaign(id: campaign.id)).status
            }

            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .run))
            #expect(try await status() == .running)
            let locked = await expectAPIError {
                _ = try await client.send(Woodpecker.UpdateCampaign(id: campaign.id, CampaignPatch(name: "x")))
            }
            #expect(locked?.status == 409)
            #expect(locked?.code == "NOT_EDITABLE_STATUS")
            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .pause))
            #expect(try await status() == .paused)
            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .makeEditable))
            #expect(try await status() == .edited)
            _ = try await client.send(Woodpecker.UpdateCampaign(id: campaign.id, CampaignPatch(name: "edited")))
            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .stop))
            #expect(try await status() == .stopped)

            for action in Woodpecker.CampaignAction.Action.allCases {
                let missing = await expectAPIError {
                    _ = try await client.send(Woodpecker.CampaignAction(id: 1, action: action))
                }
                #expect(missing?.status == 404)
                #expect(missing?.code == "CAMPAIGN_NOT_EXIST")
            }
        }
    }

    @Test func runWithoutAccountsIsAConflict() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["solo@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            _ = try await client.send(Woodpecker.UpdateCampaign(id: campaign.id, CampaignPatch(email_account_ids: [])))
            let error = await expectAPIError {
                _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .run))
            }
            #expect(error?.status == 409)
            #expect(error?.code == "VALIDATION_FAILURE")
        }
    }

    @Test func createErrors() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["c@example.com"])
            var noSubject = draft(accounts: accounts)
            noSubject.steps = .start(emailStep(subject: nil))
            let invalid = await expectAPIError {
                _ = try await client.send(Woodpecker.CreateCampaign(noSubject), validate: false)
            }
            #expect(invalid?.status == 400)
            #expect(invalid?.code == "INPUT_DATA_VALIDATION_FAILURE")
            #expect(invalid?.shape == .typeMessage)

            let foreign = try await connectMailboxes(harness.client(key: "other-account"), ["other@example.com"])
            let conflict = await expectAPIError {
                _ = try await client.send(Woodpecker.CreateCampaign(draft(accounts: foreign)))
            }
            #expect(conflict?.status == 409)
            #expect(conflict?.code == "VALIDATION_FAILURE")

            let unknown = await expectAPIError {
                _ = try await client.send(Woodpecker.CreateCampaign(draft(accounts: [987_654])))
            }
            #expect(unknown?.status == 409)
        }
    }

    @Test func stepsAndVersions() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["s@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            let path = campaign.steps.path
            #expect(path.count == 3)
            let first = path[1]
            let leaf = path[2]

            // Add a step after the leaf.
            let added = try await client.send(
                Woodpecker.AddStep(
                    campaignID: campaign.id, NewStepRequest(parent_id: leaf.id, step: emailStep(subject: "Third"))))
            #expect(added.steps.path.count == 4)
            let third = try #require(added.steps.path.last)

            // Not after a non-leaf.
            let notLeaf = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.AddStep(
                        campaignID: campaign.id, NewStepRequest(parent_id: first.id, step: emailStep(subject: "x"))))
            }
            #expect(notLeaf?.status == 409)

            // Update a version.
            let versionID = try #require(first.body?.versions[1].id)
            let updated = try await client.send(
                Woodpecker.UpdateVersion(
                    campaignID: campaign.id, stepID: try #require(first.id), versionID: versionID,
                    VersionPatch(subject: "Hello", message: "World", signature: .sender, track_opens: true)))
            #expect(updated.id == versionID)
            #expect(updated.version == "B")
            #expect(updated.subject == "Hello")
            let unknownVersion = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.UpdateVersion(
                        campaignID: campaign.id, stepID: try #require(first.id),
                        versionID: String(repeating: "0", count: 64), VersionPatch(subject: "x")))
            }
            #expect(unknownVersion?.status == 404)
            let badSignature = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.UpdateVersion(
                        campaignID: campaign.id, stepID: try #require(first.id), versionID: versionID,
                        VersionPatch(signature: "FANCY")),
                    validate: false)
            }
            #expect(badSignature?.status == 400)
            #expect(badSignature?.code == "INPUT_DATA_VALIDATION_FAILURE")

            // Delete: not START, not the first step after it; a later one is fine.
            for protected in [campaign.steps.id, first.id] {
                let refused = await expectAPIError {
                    _ = try await client.send(
                        Woodpecker.DeleteStep(campaignID: campaign.id, stepID: try #require(protected)))
                }
                #expect(refused?.status == 409)
            }
            let afterDelete = try await client.send(
                Woodpecker.DeleteStep(campaignID: campaign.id, stepID: try #require(third.id)))
            #expect(afterDelete.steps.path.count == 3)
            let missingStep = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.DeleteStep(campaignID: campaign.id, stepID: try #require(third.id)))
            }
            #expect(missingStep?.status == 404)

            // Nothing changes once running.
            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .run))
            let locked = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.AddStep(
                        campaignID: campaign.id, NewStepRequest(parent_id: leaf.id, step: emailStep(subject: "x"))))
            }
            #expect(locked?.status == 409)
            #expect(locked?.code == "NOT_EDITABLE_STATUS")
        }
    }

    @Test func accountsAreIsolated() async throws {
        try await SandboxHarness.with { harness in
            let owner = harness.client()
            let stranger = harness.client(key: "stranger")
            let accounts = try await connectMailboxes(owner, ["iso@example.com"])
            let campaign = try await owner.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            let first = try #require(campaign.steps.followup)
            let accepted = try await owner.send(
                Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("iso2@example.com")])))

            #expect(
                await expectAPIError { _ = try await stranger.send(Woodpecker.GetCampaign(id: campaign.id)) }?.status
                    == 404)
            #expect(
                await expectAPIError { _ = try await stranger.send(Woodpecker.DeleteCampaign(id: campaign.id)) }?.status
                    == 404)
            #expect(
                await expectAPIError {
                    _ = try await stranger.send(Woodpecker.CampaignAction(id: campaign.id, action: .run))
                }?.status == 404)
            #expect(
                await expectAPIError {
                    _ = try await stranger.send(Woodpecker.UpdateCampaign(id: campaign.id, CampaignPatch(name: "x")))
                }?.status == 404)
            #expect(
                await expectAPIError {
                    _ = try await stranger.send(Woodpecker.GetBatchSummary(batchID: accepted.batch_id))
                }?.status == 404)
            #expect(
                await expectAPIError { _ = try await stranger.send(Woodpecker.GetMailbox(id: accounts[0])) }?.status
                    == 404)
            #expect(
                await expectAPIError {
                    _ = try await stranger.send(
                        Woodpecker.UpdateVersion(
                            campaignID: campaign.id, stepID: first.id ?? "",
                            versionID: first.body?.versions[0].id ?? "", VersionPatch(subject: "x")))
                }?.status == 404)
            #expect(
                await expectAPIError {
                    _ = try await stranger.send(Woodpecker.DeleteStep(campaignID: campaign.id, stepID: first.id ?? ""))
                }?.status == 404)
            #expect(try await stranger.send(Woodpecker.ListCampaigns()).isEmpty)
            #expect(try await stranger.send(Woodpecker.ListMailboxes()).isEmpty)
        }
    }
}
