import Foundation

/// What the sandbox's prospects write back (docs/contract/inbox.md, proposals 2 and 6): a
/// reply's stable id, from a hash of its campaign, prospect and step, and a fixed text for each
/// interest level, so outputs and tests are the same on every run.
enum InboxReplyText {
    /// `100000000 + FNV-1a32("reply:<campaign>:<prospect>:<step>") mod 900000000`: the inbox
    /// `id`, the `response_id` and the webhook `email.id` of one reply.
    static func id(campaignID: Int, prospectID: Int, step: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in "reply:\(campaignID):\(prospectID):\(step)".utf8 {
            hash ^= UInt32(byte)
            hash &*= 16_777_619
        }
        return 100_000_000 + Int(hash % 900_000_000)
    }

    /// The reply's HTML for its interest level.
    static func html(_ interest: ProspectInterest?) -> String {
        switch interest {
        case .interested?, nil: "<div>Thanks, this sounds interesting. Can we talk next week?</div>"
        case .maybeLater?: "<div>Not right now. Please write again next quarter.</div>"
        case .notInterested?: "<div>No thanks, we are not interested.</div>"
        }
    }

    /// `Re: ` before `subject`, unless it starts with it already (case ignored).
    static func subject(answering subject: String) -> String {
        subject.lowercased().hasPrefix("re:") ? subject : "Re: " + subject
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC, without an offset, as the responses endpoint writes `delivered`.
    static func delivered(_ seconds: Double) -> String { String(SandboxTime.v1Text(seconds).dropLast(5)) }

    /// `text` with each snippet (`{{FIRST_NAME}}`, `{{COMPANY | "your team"}}`) replaced by the
    /// prospect's field (`field` takes the lower-case name), or by its fallback when that is blank,
    /// as the sent message read.
    static func filled(_ text: String, _ field: (String) -> String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let parts = rest[open.upperBound..<close.lowerBound].split(separator: "|", maxSplits: 1)
            let name = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            let value = field(name)
            if !value.isEmpty {
                result += value
            } else if parts.count > 1 {
                result += parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\"'"))
            }
            rest = rest[close.upperBound...]
        }
        return result + rest
    }
}
