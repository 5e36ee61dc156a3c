/// A list that arrives a page at a time (`prospect list --all`), so that a pipeline such as
/// `prospect list --all | where status == "REPLIED" | count` never holds more than the page it
/// is working on and the one being fetched.
///
/// Fetching is by page number, so the stream itself holds no state: the interpreter asks for
/// page 1, then for page 2 while the stages after it work on page 1, and so on until a page says
/// it is the last (or a stage such as `first 5` has what it needs).
public struct ValueStream: Sendable {
    /// One page: its items, and whether no page follows it.
    public struct Page: Sendable {
        public var items: [Value]
        public var isLast: Bool

        public init(items: [Value], isLast: Bool) {
            self.items = items
            self.isLast = isLast
        }
    }

    /// Fetches page `number` (from 1).
    let fetch: @Sendable (_ number: Int) async throws -> Page
    /// Called once when the stream is done with, read to its end or not (a progress line is cleared).
    let finish: @Sendable () -> Void
    /// Called once page `number` went through the pipeline's stages (written out, or held by the
    /// stage that needs the whole list): `webhook listen` answers the sender then.
    let delivered: (@Sendable (_ number: Int) async throws -> Void)?
    /// Awaited once the pipeline is done with the stream, however it ended (`webhook listen`
    /// unsubscribes and stops its server then).
    let closing: (@Sendable () async -> Void)?
    /// For a stream with no end known in advance (`webhook listen`): the columns a terminal's
    /// live table shows of its records, as paths (empty: those of its first page). Such a stream
    /// printed as a table on a terminal is printed a page at a time, not gathered first.
    let liveColumns: [[String]]?
    /// How many pages may be on their way while one goes through the stages (at least 1): as
    /// many as the API admits in flight, so that its round trips overlap.
    let prefetch: Int
    /// How many of the first pages go out together, before the first answer tells how many
    /// there are (at most ``prefetch``): as many as the API admits in flight, and no more — a
    /// page past the end of a short listing is a request spent for nothing.
    let firstPages: Int

    public init(
        fetch: @escaping @Sendable (_ number: Int) async throws -> Page, finish: @escaping @Sendable () -> Void = {},
        delivered: (@Sendable (_ number: Int) async throws -> Void)? = nil,
        closing: (@Sendable () async -> Void)? = nil, liveColumns: [[String]]? = nil, prefetch: Int = 1,
        firstPages: Int = 1
    ) {
        self.fetch = fetch
        self.finish = finish
        self.delivered = delivered
        self.closing = closing
        self.liveColumns = liveColumns
        self.prefetch = max(1, prefetch)
        self.firstPages = min(max(1, firstPages), self.prefetch)
    }
}
