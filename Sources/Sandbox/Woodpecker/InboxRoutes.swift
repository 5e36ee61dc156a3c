import Foundation
import Hummingbird
import OutreachAPI

/// Woodpecker's inbox (docs/contract/inbox.md): the listing of replies, replying to one, and one
/// prospect's responses; errors as the v2 problem body.
struct InboxRoutes {
    let store: SandboxStore

    func register(on router: Router<SandboxContext>) {
        router.get("rest/v2/inbox/messages") { request, _ in
            let key = try request.apiKey()
            let query = try InboxQueryParsing.listing(request.uri.query ?? "")
            return try json(try await store.listInbox(key: key, query: query))
        }
        router.post("rest/v2/inbox/messages/:id/reply") { request, context in
            let key = try request.apiKey()
            let id = try InboxQueryParsing.positiveID("id", context.parameters.get("id"))
            if let type = request.headers[.contentType], !Request.isJSON(mediaType: type) {
                throw SandboxError.inboxInput(
                    "the request body must be JSON (Content-Type: application/json), not \(type)")
            }
            var body = request
            let buffer = try await body.collectBody(upTo: .max)
            try await store.replyToInbox(key: key, messageID: id, body: Data(buffer.readableBytesView))
            return emptyOK()
        }
        router.get("rest/v2/prospects/:id/responses") { request, context in
            let key = try request.apiKey()
            let id = try InboxQueryParsing.positiveID("prospect_id", context.parameters.get("id"))
            let campaigns = try InboxQueryParsing.responseCampaigns(request.uri.query ?? "")
            return try json(try await store.prospectResponses(key: key, prospectID: id, campaignIDs: campaigns))
        }
    }
}
