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

    public init(
        fetch: @escaping @Sendable (_ number: Int) async throws -> Page, finish: @escaping @Sendable () -> Void = {}
    ) {
        self.fetch = fetch
        self.finish = finish
    }
}
