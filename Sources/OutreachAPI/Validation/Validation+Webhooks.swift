import Foundation

extension Validation {
    /// The longest `target_url` the sandbox takes (docs/contract/webhooks.md, proposal 1).
    public static let maxWebhookURLLength = 2048

    /// The rules of subscribe and unsubscribe: both fields given, `event` one of the 21 names (in
    /// lower or upper case), `target_url` an absolute http(s) URL with a host, at most 2048
    /// characters, as written (no spaces around it).
    public static func webhookSubscription(_ body: WebhookSubscription) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        let url = body.target_url ?? ""
        if url.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(ValidationProblem("target_url", "is required"))
        } else if let problem = webhookURLProblem(url) {
            problems.append(ValidationProblem("target_url", problem))
        }
        let event = body.event ?? ""
        if event.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(ValidationProblem("event", "is required"))
        } else if WebhookEvent(name: event) == nil {
            problems.append(ValidationProblem("event", "unknown event \(event)"))
        }
        return problems
    }

    /// Why `url` cannot receive webhooks, or nil.
    public static func webhookURLProblem(_ url: String) -> String? {
        let length = url.unicodeScalars.count
        guard length <= maxWebhookURLLength else {
            return "must be at most \(maxWebhookURLLength) characters, got \(length)"
        }
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else {
            return "must be an absolute http or https URL, got '\(withoutUserInfo(url))'"
        }
        if components.user != nil || components.password != nil {
            // Never echoed: the password would reach the terminal and the history.
            return "must not hold a user name or password (user:password@): the API keeps and lists the URL "
                + "as given; put a secret in its path instead"
        }
        return nil
    }

    /// `url` with anything between `//` and `@` before the host replaced by `…` (for messages).
    static func withoutUserInfo(_ url: String) -> String {
        guard let start = url.range(of: "//") else { return url }
        let rest = url[start.upperBound...]
        let authorityEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return url }
        return String(url[..<start.upperBound]) + "…" + String(rest[at...])
    }
}
