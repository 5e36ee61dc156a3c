/// What a command does with a list that arrives a page at a time: a stage that handles each
/// page on its own (`where`, `select`, `each`), one that adds the pages up (`count`), or one
/// that keeps a few items from them (`first`, `last`). Any other command gets the whole list.
public enum PageRole: Sendable {
    /// The result for the whole list is the results for its pages, one after another.
    case perItem
    /// The result is a count: the pages' counts added up.
    case counting
    /// Keeps the first items: once it has them, no more pages are fetched.
    case keepsFirst
    /// Keeps the last items of everything it was given.
    case keepsLast
}
