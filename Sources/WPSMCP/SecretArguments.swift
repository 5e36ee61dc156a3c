import Foundation
import MCP
import WPSLanguage

/// The argument values of a call to a command that takes a secret that an error answer must not
/// show: every value but one of a known non-secret argument that fits its kind (a number for
/// `smtp_port`, an email address for `email`; see ``SecretScan/provablyHarmless(_:_:)``). A
/// password given under a mistyped or wrong argument (`pasword`, `smtp_port`) is never echoed.
struct SecretArguments {
    /// The texts to hide; empty when the command takes no secret.
    let hidden: [String]

    init(_ descriptor: CommandDescriptor, _ arguments: [String: MCP.Value]) {
        guard descriptor.flags.contains(where: \.isSecret) else {
            hidden = []
            return
        }
        var hidden: [String] = []
        for (name, value) in arguments {
            let flag = descriptor.flag(named: name.replacingOccurrences(of: "_", with: "-"))
            for text in Self.texts(of: value) {
                if let flag, !flag.isSecret, SecretScan.provablyHarmless(text, flag.kind) { continue }
                hidden.append(text)
            }
        }
        self.hidden = hidden
    }

    /// The texts a value holds (a list's items each).
    static func texts(of value: MCP.Value) -> [String] {
        switch value {
        case .string(let text): [text]
        case .int(let number): [String(number)]
        case .double(let number): [String(number)]
        case .array(let items): items.flatMap(texts)
        case .object(let object): object.values.flatMap(texts)
        default: []
        }
    }

    /// The answer with every hidden text in its text and structured content masked.
    func scrub(_ result: CallTool.Result) -> CallTool.Result {
        guard !hidden.isEmpty else { return result }
        let content: [Tool.Content] = result.content.map { item in
            if case .text(let text, let annotations, let meta) = item {
                return .text(text: SecretMask.scrub(text, hiding: hidden), annotations: annotations, _meta: meta)
            }
            return item
        }
        let structured: MCP.Value? = result.structuredContent.map { scrub($0) }
        return CallTool.Result(
            content: content, structuredContent: structured, isError: result.isError, _meta: result._meta)
    }

    func scrub(_ value: MCP.Value) -> MCP.Value {
        switch value {
        case .string(let text): .string(SecretMask.scrub(text, hiding: hidden))
        case .array(let items): .array(items.map(scrub))
        case .object(let object): .object(object.mapValues(scrub))
        default: value
        }
    }
}
