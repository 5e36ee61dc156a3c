/// The body of a request that sends none, or the success value of a response that carries none.
public struct NoContent: Codable, Sendable, Hashable {
    public init() {}
    public init(from decoder: any Decoder) throws {}
    public func encode(to encoder: any Encoder) throws {}
}
