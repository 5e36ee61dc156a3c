import Foundation
import Hummingbird

/// Decides, request by request, which fault of a ``FaultPlan`` to inject (seeded, so reproducible).
actor FaultDecider {
    let plan: FaultPlan
    private var seen = 0
    private var state: UInt64

    init(plan: FaultPlan) {
        self.plan = plan
        state = plan.seed
    }

    func decide(method: String, path: String) -> FaultPlan.Fault? {
        if let wanted = plan.method, wanted != method { return nil }
        if let prefix = plan.pathPrefix, !path.hasPrefix(prefix) { return nil }
        seen += 1
        var threshold = 0
        for rule in plan.first {
            threshold += rule.count
            if seen <= threshold { return rule.fault }
        }
        guard !plan.rates.isEmpty else { return nil }
        let draw = nextUniform()
        var cumulative = 0.0
        for rule in plan.rates {
            cumulative += rule.rate
            if draw < cumulative { return rule.fault }
        }
        return nil
    }

    /// SplitMix64, mapped to [0, 1).
    private func nextUniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

/// Injects the faults of a ``FaultPlan``: error answers without processing, connections closed
/// before or after processing, requests held unanswered, or 200 answers that are not JSON.
///
/// A dropped connection is a response whose body fails before a byte is written: Hummingbird
/// then closes the connection, and an HTTP client sees it closed with no complete answer.
struct FaultInjectionMiddleware<Context: RequestContext>: RouterMiddleware {
    let decider: FaultDecider

    init(plan: FaultPlan) { decider = FaultDecider(plan: plan) }

    /// The error a dropping body throws.
    struct DroppedConnection: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard let fault = await decider.decide(method: request.method.rawValue, path: path) else {
            return try await next(request, context)
        }
        switch fault {
        case .tooManyRequests(let seconds):
            throw EndpointFamily(path: path).tooManyRequests(
                "Rate limit exceeded (injected fault)", retryAfter: seconds)
        case .unavailable:
            throw EndpointFamily(path: path).unavailable("The service is temporarily unavailable (injected fault)")
        case .serverError:
            throw ErrorShapingMiddleware<Context>.unknown(
                path: path, detail: "An unexpected error has occurred (injected fault)")
        case .drop:
            return Self.droppingResponse()
        case .dropAfterProcessing:
            _ = try? await next(request, context)
            return Self.droppingResponse()
        case .stall(let seconds):
            try await Task.sleep(for: .seconds(seconds))
            return try await next(request, context)
        case .malformed:
            return Self.malformedResponse()
        }
    }

    /// A 200 whose JSON is cut off and then followed by HTML, as a misbehaving proxy might send.
    static func malformedResponse() -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"id": 1, "status": <html>Bad Gateway</html>"#)))
    }

    static func droppingResponse() -> Response {
        Response(status: .ok, body: ResponseBody { _ in throw DroppedConnection() })
    }
}
