import Foundation
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// `GET /rest/v1/prospects`: paging, 204, sort, filters, search, records (gaps 14–20).
@Suite struct ProspectListingTests {
    /// A sandbox holding `count` numbered prospects.
    func withProspects(_ count: Int, _ body: @Sendable (any TestClientProtocol, TestSandbox) async throws -> Void)
        async throws
    {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            var start = 0
            while start < count {
                let size = min(20_000, count - start)
                #expect(try await client.addToList(numberedProspects(size, from: start)).status == 200)
                start += size
            }
            try await body(client, sandbox)
        }
    }

    @Test func pagesHoldPerPageRecordsInIdOrderWithTheTotal() async throws {
        try await withProspects(250) { client, _ in
            let first = try await client.prospects()
            #expect(first.status == 200)
            #expect(first.total == 250)
            #expect(first.records.count == 100)
            #expect(first.records.first?["id"] as? Int == 100001)
            let third = try await client.prospects("page=3")
            #expect(third.records.count == 50)
            #expect(third.records.last?["id"] as? Int == 100250)
            let big = try await client.prospects("per_page=1000")
            #expect(big.records.count == 250)
            // Past the end: 204, no body, the real total.
            let past = try await client.prospects("page=4")
            #expect(past.status == 204)
            #expect(past.body == nil)
            #expect(past.total == 250)
        }
    }

    @Test func anEmptyDatabaseAnswers204WithATotalOfZero() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.prospects()
            #expect(answer.status == 204)
            #expect(answer.total == 0)
            #expect(answer.body == nil)
        }
    }

    @Test(arguments: [
        ("per_page=0", "per_page"), ("per_page=1001", "per_page"), ("per_page=ten", "per_page"),
        ("page=0", "page"), ("page=-1", "page"), ("page=1.5", "page"), ("id=x", "id"),
        ("status=PAUSED", "status"), ("campaigns_id=1,x", "campaigns_id"),
        ("campaigns_details=yes", "campaigns_details"),
        ("contacted=1", "contacted"), ("interested=YES", "interested"), ("activity=SENT", "activity"),
        ("sort=nickname", "sort"), ("sort=%2Bcompany,,-email", "sort"), ("sort=company,-company", "sort"),
        ("sort=last_opened", "sort"), ("sort=sent_mails&activity=CLICKED", nil),
        ("search=nickname=a", "search"), ("search=email", "search"), ("search=email=a=b", "search"),
        ("unknown=1", nil),
    ])
    func badValuesAnswerWrongParamNamingTheParameter(query: String, parameter: String?) async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.prospects(query)
            if let parameter {
                #expect(answer.status == 400)
                #expect(answer.code == "E_WRONG_PARAM")
                #expect(answer.msg?.hasPrefix(parameter + ":") == true, "\(answer.msg ?? "")")
            } else {
                #expect(answer.status == 204)
            }
        }
    }

    @Test func sortAcceptsSignsSpacesAndBothSnippetSpellingsAndBreaksTiesById() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList([
                prospectJSON("c@example.com", ["company": "beta", "snippet2": "2"]),
                prospectJSON("a@example.com", ["company": "Alpha", "snippet2": "3"]),
                prospectJSON("b@example.com", ["company": "beta", "snippet2": "1"]),
            ])
            func emails(_ query: String) async throws -> [String] {
                try await client.prospects(query).records.compactMap { $0["email"] as? String }
            }
            // Ties (beta, beta) by id ascending; case ignored (Alpha before beta).
            #expect(try await emails("sort=company") == ["a@example.com", "c@example.com", "b@example.com"])
            // An unencoded + decodes to a space and still means ascending.
            #expect(try await emails("sort=+company,-email") == ["a@example.com", "c@example.com", "b@example.com"])
            #expect(try await emails("sort=%2Bcompany,-email") == ["a@example.com", "c@example.com", "b@example.com"])
            #expect(try await emails("sort=-company,%2Bemail") == ["b@example.com", "c@example.com", "a@example.com"])
            #expect(try await emails("sort=snipet2") == ["b@example.com", "c@example.com", "a@example.com"])
            #expect(try await emails("sort=-snippet2") == ["a@example.com", "c@example.com", "b@example.com"])
            #expect(try await emails("sort=-id") == ["b@example.com", "a@example.com", "c@example.com"])
            #expect(
                try await emails("sort=last_contacted,email") == ["a@example.com", "b@example.com", "c@example.com"])
        }
    }

    @Test func filtersByIdStatusContactedAndActivity() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList([
                prospectJSON("a@example.com"), prospectJSON("b@example.com", ["status": "BOUNCED"]),
            ])
            #expect(try await client.prospects("id=100002").records.map { $0["email"] as? String } == ["b@example.com"])
            #expect(try await client.prospects("id=5").status == 204)
            #expect(try await client.prospects("status=BOUNCED").total == 1)
            #expect(try await client.prospects("status=REPLIED").status == 204)
            // No campaign has run: nobody was contacted, opened or clicked (ProspectActivityTests).
            #expect(try await client.prospects("contacted=false").total == 2)
            #expect(try await client.prospects("contacted=true").status == 204)
            #expect(try await client.prospects("activity=OPENED&sort=-last_opened").status == 204)
            #expect(try await client.prospects("campaigns_id=424242").status == 204)
        }
    }

    @Test func searchIsCaseBlindAndAcrossFieldsOrWithinOne() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList([
                prospectJSON("ann@acme.com", ["company": "Acme Corp", "city": "Berlin"]),
                prospectJSON("bob@acme.com", ["company": "Acme Corp", "city": "Paris"]),
                prospectJSON("ann@other.com", ["company": "Other", "city": "Berlin", "snippet4": "Hello there"]),
            ])
            func emails(_ search: String) async throws -> [String] {
                try await client.prospects("search=" + search).records.compactMap { $0["email"] as? String }
            }
            #expect(try await emails("email=ANN@acme.com") == ["ann@acme.com"])  // a full address: exact
            #expect(try await emails("email=ann") == ["ann@acme.com", "ann@other.com"])  // shorter: contains
            #expect(try await emails("company=acme,city=berlin") == ["ann@acme.com"])  // AND
            #expect(try await emails("city=paris,city=BERLIN") == ["ann@acme.com", "bob@acme.com", "ann@other.com"])
            #expect(try await emails("snipet4=hello+there") == ["ann@other.com"])  // + is a space
            #expect(try await emails("organization_id=1") == [])
        }
    }

    @Test func recordsDecodeAsTheClientsProspectRecord() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList([prospectJSON("a@example.com", ["tags": "#VC", "snippet9": "nine"])])
            let data = try await client.execute(
                uri: "/rest/v1/prospects", method: .get, headers: [.init("x-api-key")!: "test-key"]
            ) { Data($0.body.readableBytesView) }
            let records = try JSONDecoder().decode([OutreachAPI.ProspectRecord].self, from: data)
            #expect(records.first?.fields.tags == "#VC")
            #expect(records.first?.fields.snippets[9] == "nine")
            #expect(records.first?.status == "ACTIVE")
            #expect(records.first?.last_replied == nil)
        }
    }

    @Test func pagingThrough50000ProspectsIsFastAndSortedListingsAreComputedOnce() async throws {
        try await withProspects(50_000) { client, sandbox in
            var seen = 0
            var page = 1
            var lastID = 0
            while true {
                let answer = try await client.prospects("per_page=1000&page=\(page)")
                if answer.status == 204 { break }
                #expect(answer.total == 50_000)
                let ids = answer.records.compactMap { $0["id"] as? Int }
                #expect(ids.first ?? 0 > lastID)
                lastID = ids.last ?? lastID
                seen += ids.count
                page += 1
            }
            #expect(seen == 50_000)
            // A sorted listing is computed once and reused while nothing changes.
            let first = try await client.prospects("per_page=1000&sort=-first_name")
            #expect(first.records.first?["first_name"] as? String == "First9999")
            let revision = await sandbox.store.listings.values.first?.revision
            _ = try await client.prospects("per_page=1000&page=2&sort=-first_name")
            #expect(await sandbox.store.listings.values.first?.revision == revision)
        }
    }
}
