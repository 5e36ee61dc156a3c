/// An SPF record (`v=spf1 include:_spf.google.com mx ~all`) read into its terms (RFC 7208 §4.6).
public struct SPFRecord: Sendable, Equatable {
    /// One directive or modifier.
    public struct Term: Sendable, Equatable {
        /// `+`, `-`, `~` or `?` (a mechanism written without one is `+`); empty for a modifier.
        public let qualifier: Character?
        /// The mechanism or modifier name, lower-cased: `include`, `a`, `all`, `redirect`.
        public let name: String
        /// What follows `:` or `=`: `_spf.google.com`; nil when nothing does.
        public let argument: String?
        /// Whether it is a modifier (`name=value`).
        public let isModifier: Bool

        /// Whether evaluating it asks DNS, as RFC 7208 §4.6.4 counts towards its limit of 10:
        /// `include`, `a`, `mx`, `ptr`, `exists` and the `redirect` modifier.
        public var costsLookup: Bool {
            isModifier ? name == "redirect" : ["include", "a", "mx", "ptr", "exists"].contains(name)
        }
    }

    public let terms: [Term]

    /// Whether a TXT record's text is an SPF record: it starts with `v=spf1` then a space or ends.
    public static func isSPF(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered == "v=spf1" || lowered.hasPrefix("v=spf1 ")
    }

    /// Reads an SPF record's text; nil when it is not one.
    public init?(_ text: String) {
        guard Self.isSPF(text) else { return nil }
        terms = text.split(separator: " ").dropFirst().map { word in
            var body = Substring(word)
            var qualifier: Character?
            if let first = body.first, "+-~?".contains(first) {
                qualifier = first
                body = body.dropFirst()
            }
            if let equals = body.firstIndex(of: "="),
                body.firstIndex(of: ":").map({ $0 > equals }) ?? true
            {
                return Term(
                    qualifier: nil, name: body[..<equals].lowercased(),
                    argument: String(body[body.index(after: equals)...]), isModifier: true)
            }
            let colon = body.firstIndex(of: ":") ?? body.firstIndex(of: "/")
            let name = colon.map { body[..<$0] } ?? body
            let argument = colon.flatMap { body[$0] == ":" ? String(body[body.index(after: $0)...]) : nil }
            return Term(qualifier: qualifier ?? "+", name: name.lowercased(), argument: argument, isModifier: false)
        }
    }

    /// The `all` mechanism, if the record has one.
    public var all: Term? { terms.first { !$0.isModifier && $0.name == "all" } }

    /// The terms a receiver evaluates, in order: those up to the first `all` (RFC 7208 §5.1:
    /// mechanisms after it are never tested), and `redirect=` only when there is no `all`
    /// (§6.1: it is ignored then).
    ///
    /// ```swift
    /// SPFRecord("v=spf1 mx -all a redirect=x.test")?.evaluatedTerms.map(\.name)  // ["mx", "all"]
    /// ```
    public var evaluatedTerms: [Term] {
        guard let index = terms.firstIndex(where: { !$0.isModifier && $0.name == "all" }) else { return terms }
        return terms[...index].filter { !($0.isModifier && $0.name == "redirect") }
    }

    /// The `redirect=` domain a receiver follows: nil when there is none, or an `all`.
    public var followedRedirect: String? {
        evaluatedTerms.first { $0.isModifier && $0.name == "redirect" }?.argument
    }

    /// The `redirect=` domain as written, if any (followed or not).
    public var redirect: String? { terms.first { $0.isModifier && $0.name == "redirect" }?.argument }
}
