import Foundation
import OutreachAPI
import WPSLanguage

/// What API commands run against: the client, the default provider, and what this session has
/// seen (which campaign each step belongs to), so `step add --after ID` needs no `--campaign`.
public final class Session: @unchecked Sendable {
    public let client: OutreachClient
    public let provider: Provider
    /// Step id → campaign id, for every campaign this session has fetched or changed.
    var stepCampaigns: [String: Int] = [:]
    /// Where progress lines go (stderr).
    let progress: (String) -> Void

    public init(client: OutreachClient, provider: Provider = .woodpecker, progress: @escaping (String) -> Void = { _ in }) {
        self.client = client
        self.provider = provider
        self.progress = progress
    }

    /// Sends a request; API failures become runtime errors (exit 1), broken rules exit 2.
    func send<E: Endpoint>(_ endpoint: E, at range: SourceRange?) async throws -> E.Success {
        do {
            return try await client.send(endpoint)
        } catch let error as OutreachError {
            throw RuntimeError(error.description, at: range, exitCode: error.kind == .validation || error.kind == .configuration ? 2 : 1)
        }
    }

    /// A campaign as a value, remembering its steps.
    func value(of campaign: Campaign) throws -> Value {
        for step in campaign.steps.path { if let id = step.id { stepCampaigns[id] = campaign.id } }
        return try ValueEncoder().encode(campaign)
    }

    /// The campaign a step belongs to: `--campaign`, else what this session saw.
    func campaignID(forStep step: String, given: Int?, at range: SourceRange?) throws -> Int {
        if let given { return given }
        guard let id = stepCampaigns[step] else {
            throw RuntimeError("which campaign is step \(step) in? Give --campaign ID (or fetch the campaign first in this session)", at: range)
        }
        return id
    }
}
