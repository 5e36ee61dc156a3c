import WPSLanguage

extension Value {
    /// The most items a range may make (`1..1000000`); a larger one is a mistake, not a loop.
    public static let rangeLimit = 1_000_000

    /// `+ - * / %` on two values: integers stay integers (an overflow is an error, never a wrap),
    /// a double makes a double, `/` of integers is exact when it divides and a double otherwise;
    /// `+` also joins text (`"id-" + 7`) and lists (`[1] + [2 3]`).
    public static func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(RuntimeError) -> Value {
        if op == .add {
            switch (lhs, rhs) {
            case (.list(let l), .list(let r)): return .list(l + r)
            case (.string, .string), (.string, .int), (.string, .double), (.int, .string), (.double, .string):
                return .string(lhs.text + rhs.text)
            default: break
            }
        }
        if case .int(let l) = lhs, case .int(let r) = rhs { return try integerArithmetic(op, l, r) }
        guard let l = lhs.number, let r = rhs.number else {
            let also = op == .add ? " (+ also joins text and lists)" : ""
            throw RuntimeError("\(op.rawValue) takes numbers, not \(article(lhs)) and \(article(rhs))\(also)")
        }
        switch op {
        case .add: return .double(l + r)
        case .subtract: return .double(l - r)
        case .multiply: return .double(l * r)
        case .divide:
            guard r != 0 else { throw RuntimeError("division by zero") }
            return .double(l / r)
        default:
            guard r != 0 else { throw RuntimeError("division by zero (the right side of % is 0)") }
            return .double(l.truncatingRemainder(dividingBy: r))
        }
    }

    static func integerArithmetic(_ op: BinaryOperator, _ l: Int, _ r: Int) throws(RuntimeError) -> Value {
        let result: (partialValue: Int, overflow: Bool)
        switch op {
        case .add: result = l.addingReportingOverflow(r)
        case .subtract: result = l.subtractingReportingOverflow(r)
        case .multiply: result = l.multipliedReportingOverflow(by: r)
        case .divide:
            guard r != 0 else { throw RuntimeError("division by zero") }
            guard l % r == 0 else { return .double(Double(l) / Double(r)) }
            result = l.dividedReportingOverflow(by: r)
        default:
            guard r != 0 else { throw RuntimeError("division by zero (the right side of % is 0)") }
            result = l.remainderReportingOverflow(dividingBy: r)
        }
        guard !result.overflow else { throw RuntimeError("\(l) \(op.rawValue) \(r) is too large for an integer") }
        return .int(result.partialValue)
    }

    /// `-x` on a number.
    public static func negate(_ value: Value) throws(RuntimeError) -> Value {
        switch value {
        case .int(let int) where int != .min: return .int(-int)
        case .double(let double): return .double(-double)
        default: throw RuntimeError("cannot negate \(article(value)) with -")
        }
    }

    /// `from..to`: every integer from one to the other, both included, counting down when `to`
    /// is smaller (`3..1` is `[3 2 1]`).
    public static func range(_ from: Value, _ to: Value) throws(RuntimeError) -> Value {
        guard case .int(let lower) = from, case .int(let upper) = to else {
            throw RuntimeError("a range takes integers: \(article(from))..\(article(to))")
        }
        let (span, overflow) = upper.subtractingReportingOverflow(lower)
        guard !overflow, span.magnitude < UInt(rangeLimit) else {
            throw RuntimeError("\(lower)..\(upper) would make more than \(rangeLimit) items")
        }
        let values = lower <= upper ? Array(lower...upper) : Array((upper...lower).reversed())
        return .list(values.map(Value.int))
    }

    /// `an int`, `a string "x"`: how errors name a value.
    private static func article(_ value: Value) -> String {
        switch value {
        case .string(let text): "a string \"\(text.prefix(40))\""
        case .int, .record: "an \(value.typeName)"
        default: "a \(value.typeName)"
        }
    }
}
