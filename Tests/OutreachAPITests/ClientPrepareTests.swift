import Foundation
import Testing

@testable import OutreachAPI

@Suite struct ClientPrepareTests {
    let client = makeClient(TransportScript([]))

    @Test func resolvesPathsAgainstEachProvidersBase() throws {
        #expect(
            try client.prepare(Woodpecker.GetBatchSummary(batchID: 9)).url
                == "http://sandbox.test/rest/v2/mailboxes/manual_connection/bulk/9/summary")
        #expect(try client.prepare(Woodpecker.GetAccountInfo()).url == "http://sandbox.test/rest/v1/me")
        #expect(
            try client.prepare(Saleshandy.GetConnectStatus(requestID: "129a184")).url
                == "http://sandbox.test/v1/email-accounts/connect/status/129a184")
        #expect(
            OutreachClient.resolve("campaigns", against: "https://api.woodpecker.co/rest/v2")
                == "https://api.woodpecker.co/rest/v2/campaigns")
    }

    @Test func defaultBaseURLsAreTheVendors() {
        let config = OutreachClient.Configuration()
        #expect(config.baseURL(for: .woodpecker) == "https://api.woodpecker.co/rest/v2")
        #expect(config.baseURL(for: .saleshandy) == "https://open-api.saleshandy.com/v1")
    }

    @Test func sendsTheKeyAndJSONHeaders() throws {
        let request = try client.prepare(Woodpecker.SubmitManualBatch(.sample))
        let names = request.headers.map(\.name)
        #expect(names.contains("x-api-key"))
        #expect(names.contains("content-type"))
        #expect(request.headers.first { $0.name == "x-api-key" }?.value == "key-123")
        #expect(try client.prepare(Woodpecker.GetCampaign(id: 1)).body == nil)
    }

    @Test func redactionMasksTheKeyAndEveryPassword() throws {
        let request = try client.prepare(Woodpecker.SubmitManualBatch(.sample))
        let text = request.redactedDescription
        #expect(!text.contains("key-123"))
        #expect(!text.contains("s3cret-smtp"))
        #expect(!text.contains("s3cret-imap"))
        #expect(text.contains("x-api-key: ••••"))
        #expect(text.contains(#""smtp_password" : "••••""#))
        #expect(text.hasPrefix("POST http://sandbox.test/rest/v2/mailboxes/manual_connection/bulk"))
        #expect(text.contains("ann@example.com"))
        let saleshandy = try client.prepare(
            Saleshandy.ConnectEmailAccounts([SaleshandyEmailAccount(smtpPassword: "pw-1", imapPassword: "pw-2")]))
        #expect(!saleshandy.redactedDescription.contains("pw-1"))
        #expect(!saleshandy.redactedDescription.contains("pw-2"))
    }

    @Test func missingKeyIsAConfigurationError() {
        let bare = OutreachClient(
            configuration: .init(), transport: ClosureTransport { _ in TransportResponse(status: 200) })
        #expect {
            _ = try bare.prepare(Woodpecker.ListMailboxes())
        } throws: { error in
            (error as? OutreachError)?.kind == .configuration
                && "\(error)".contains("WOODPECKER_API_KEY")
        }
    }
}
