import Testing

@testable import OutreachAPI

/// Each endpoint's provider, success statuses and error shape, as the documents give them —
/// most from its family's defaults, the rest declared by the endpoint.
@Suite struct EndpointFamilyTests {
    func facts<E: Endpoint>(_ type: E.Type) -> String {
        "\(E.provider) \(E.successStatuses.sorted()) \(E.errorShape)"
    }

    @Test func everyEndpointAnswersAsDocumented() {
        let table: [(String, String)] = [
            (facts(Woodpecker.CreateCampaign.self), "woodpecker [201] typeMessage"),
            (facts(Woodpecker.GetCampaign.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.ListCampaigns.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.DeleteCampaign.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.CampaignAction.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.UpdateCampaign.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.UpdateVersion.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.AddStep.self), "woodpecker [200, 201] typeMessage"),
            (facts(Woodpecker.DeleteStep.self), "woodpecker [200] typeMessage"),
            (facts(Woodpecker.SubmitManualBatch.self), "woodpecker [202] codeDetails"),
            (facts(Woodpecker.GetBatchSummary.self), "woodpecker [200] none"),
            (facts(Woodpecker.ConnectMicrosoftMailboxes.self), "woodpecker [201, 207] problem"),
            (facts(Woodpecker.ListMailboxes.self), "woodpecker [200] problem"),
            (facts(Woodpecker.GetMailbox.self), "woodpecker [200] problem"),
            (facts(Woodpecker.GetAccountInfo.self), "woodpecker [200] problem"),
            (facts(Saleshandy.ConnectEmailAccounts.self), "saleshandy [200, 201] message"),
            (facts(Saleshandy.GetConnectStatus.self), "saleshandy [200] message"),
        ]
        for (got, expected) in table { #expect(got == expected) }
    }

    /// Which per-account limit each request counts against follows from its path: `/rest/v1`
    /// paths are Woodpecker's v1 (2 in flight), the rest of Woodpecker's v2 (7), Saleshandy's (6).
    @Test func theAPIFamilyFollowsFromThePath() {
        let prospects = [ProspectFields(email: "ann@acme.com")]
        let table: [(APIFamily, APIFamily)] = [
            (Woodpecker.ListProspects().family, .woodpeckerV1),
            (Woodpecker.AddProspectsList(ProspectListRequest(prospects: prospects)).family, .woodpeckerV1),
            (
                Woodpecker.AddProspectsCampaign(
                    ProspectCampaignRequest(campaign: .init(campaign_id: 1), prospects: prospects)
                )
                .family, .woodpeckerV1
            ),
            (Woodpecker.GetAccountInfo().family, .woodpeckerV1),
            (Woodpecker.GetCampaign(id: 7).family, .woodpeckerV2),
            (Woodpecker.ListMailboxes().family, .woodpeckerV2),
            (Saleshandy.GetConnectStatus(requestID: "r").family, .saleshandy),
        ]
        for (got, expected) in table { #expect(got == expected) }
        #expect(APIFamily.woodpeckerV1.maxInFlightPerAccount == 2)
        #expect(APIFamily.woodpeckerV2.maxInFlightPerAccount == 7)
        let families: [APIFamily] = [.woodpeckerV2, .woodpeckerV1, .saleshandy]
        #expect(families.allSatisfy { APIFamily(provider: $0.provider, path: "x") != .woodpeckerV1 })
        // Each family knows its provider, and a provider's unknown name decodes to nothing.
        #expect(families.map(\.provider) == [.woodpecker, .woodpecker, .saleshandy])
        #expect(Provider(rawValue: "mailchimp") == nil && Provider(rawValue: "SalesHandy") == .saleshandy)
    }
}
