import OutreachAPI
import WPSLanguage

/// What `prospect import` sends: Woodpecker's `add_prospects_list` or `add_prospects_campaign`,
/// one prospect per row, under the API's field names (any case) or the names spreadsheets
/// export (`Email`, `First Name`, `Company Name`).
///
/// An empty cell is left out of the prospect, so `--update` keeps the stored value (the API
/// clears a field only when it is sent as "").
struct ProspectTarget: ImportTarget {
    var unit: String { "request" }
    var provider: Provider { .woodpecker }
    var maxBatchSize: Int { Validation.maxProspectsPerRequest }
    var noun: (one: String, many: String) { ("prospect", "prospects") }

    /// The API's fields, and the other column names each answers to.
    enum Field: Int, ImportField {
        case email, status, first_name, last_name, company, website, linkedin_url, tags, title, phone, address
        case city, state, country, industry, interested
        case snippet1, snippet2, snippet3, snippet4, snippet5, snippet6, snippet7, snippet8, snippet9, snippet10
        case snippet11, snippet12, snippet13, snippet14, snippet15

        var aliases: [String] {
            switch self {
            case .email: ["e-mail", "email address", "e-mail address", "email_address", "mail"]
            case .first_name: ["first name", "firstname", "first", "given name"]
            case .last_name: ["last name", "lastname", "last", "surname", "family name"]
            case .company: ["company name", "company_name", "organization", "organisation", "account name"]
            case .website: ["company website", "web", "url", "domain"]
            case .linkedin_url: ["linkedin", "linkedin url", "linkedin profile", "person linkedin url"]
            case .tags: ["tag"]
            case .title: ["job title", "job_title", "position"]
            case .phone: ["phone number", "phone_number", "telephone", "mobile"]
            case .address: ["street", "street address"]
            case .state: ["region", "province"]
            case .status: ["prospect status"]
            default: Self.snippetAliases(name)
            }
        }

        /// `snippet 3` and, for 1…4, the legacy `snipet3`.
        static func snippetAliases(_ name: String) -> [String] {
            guard let number = ProspectFields.snippetNumber(name) else { return [] }
            return ["snippet \(number)"] + (number <= 4 ? ["snipet\(number)"] : [])
        }
    }
    static let map = ColumnMap<Field>()
    /// Each field's API name, by raw value.
    static let names = Field.allCases.map(\.name)
    /// Every field but the email.
    static let otherFields = Field.allCases.filter { $0 != .email }
    static let known = map.known
    var knownColumns: Set<String> { Self.known }
    var secretColumns: [String: String] { [:] }

    func item(from row: SourceRow, checking: Bool = true) -> (item: ProspectFields, problems: [ValidationProblem]) {
        let row = Self.map.resolve(row, checking: checking)
        var prospect = ProspectFields(email: row.text(.email) ?? "")
        for field in Self.otherFields {
            guard let value = row.text(field), !value.isEmpty else { continue }
            // The names are worked out once: `field.name` (`"\(self)"`) reflects on every call.
            prospect[Self.names[field.rawValue]] =
                field == .status || field == .interested ? value.uppercased() : value
        }
        guard checking else { return (prospect, []) }
        var problems = row.problems
        problems += Validation.prospect(prospect, path: "").map {
            ValidationProblem(String($0.path.drop { $0 == "." }), $0.message)
        }
        return (prospect, problems)
    }

    func email(of item: ProspectFields) -> String? { item.email }
}
