/// A value-producing piece of source: a word, a string, a variable, a list, a condition…
public indirect enum Expression: Sendable, Equatable {
    /// A bare word; its meaning (number, duration `3d`, time `08:00`, list `1,2,3`, or a field
    /// name inside `where`) depends on where it is used: `50`, `3d`, `DRAFT`, `status`.
    case word(String, SourceRange)
    /// `"Hi $name"` with its parts.
    case string([InterpolationPart], SourceRange)
    /// `'taken literally'`
    case literal(String, SourceRange)
    /// `$c.steps.followup.id`
    case variable(VariableReference, SourceRange)
    /// `[1 2 3]`
    case list([Expression], SourceRange)
    /// `@first.html` — the file's text.
    case fileReference(String, SourceRange)
    /// `$(campaign list | count)`
    case subpipeline(Pipeline, SourceRange)
    /// `{ echo $it.email }` — as given to `each`.
    case block(Block)
    /// `a > 1`, `a and b`
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    /// `not a`, `!a`
    case unary(UnaryOperator, Expression, SourceRange)

    public var range: SourceRange {
        switch self {
        case .word(_, let r), .string(_, let r), .literal(_, let r), .variable(_, let r), .list(_, let r),
            .fileReference(_, let r), .subpipeline(_, let r), .binary(_, _, _, let r), .unary(_, _, let r):
            r
        case .block(let block): block.range
        }
    }
}

/// A part of an interpolated string.
public enum InterpolationPart: Sendable, Equatable {
    case text(String)
    case variable(VariableReference)
    case pipeline(Pipeline)
}

/// The binary operators, loosest first: `or`, `and`, comparisons, the range `..`, then
/// arithmetic (`+` `-`, then `*` `/` `%`).
public enum BinaryOperator: String, Sendable, Equatable {
    case or, and
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case matches = "=~"
    /// `1..3`: the integers from one bound to the other, both included.
    case range = ".."
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"

    /// `+ - * / %`, written as words of their own: `$n + 1`.
    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder: true
        default: false
        }
    }
}

/// `not` / `!`, and `-` before a value (`-$n`, `- (1 + 2)`).
public enum UnaryOperator: String, Sendable, Equatable {
    case not
    case negate = "-"
}
