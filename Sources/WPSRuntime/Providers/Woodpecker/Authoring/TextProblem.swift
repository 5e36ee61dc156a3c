/// A problem inside a piece of text (a window string, a subject, a message): where it is, as
/// UTF-8 byte offsets into the text, so an error can point into the string that holds it.
public struct TextProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var length: Int
    public var message: String

    public init(_ message: String, offset: Int, length: Int) {
        self.message = message
        self.offset = offset
        self.length = max(1, length)
    }

    public var description: String { message }
}
