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
    /// Both prospect endpoints are `/rest/v1`: 2 requests in flight at most.
    var family: APIFamily { Woodpecker.AddProspectsList(ProspectListRequest(prospects: [])).family }
    var maxBatchSize: Int { Validation.maxProspectsPerRequest }
    var noun: (one: String, many: String) { ("prospect", "prospects") }
    var exampleHeader: String { "email,first_name,last_name,company" }

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
    static let known = map.known
    var knownColumns: Set<String> { Self.known }
    var columnTable: ColumnTable? { Self.map.table }
    var secretColumns: [String: String] { [:] }

    func item(from row: SourceRow, checking: Bool = true) -> (item: ProspectFields, problems: [ValidationProblem]) {
        var prospect = ProspectFields(email: "")
        func set(_ field: Field, _ value: String) {
            guard !value.isEmpty else { return }
            Self.set(field, field == .status || field == .interested ? value.uppercased() : value, in: &prospect)
        }
        var problems: [ValidationProblem]
        // A CSV row bound to the fields goes straight into the prospect.
        if let bound = Self.map.forEachBoundValue(row, checking: checking, set) {
            problems = bound
        } else {
            let row = Self.map.resolve(row, checking: checking)
            for field in Field.allCases { row.text(field).map { set(field, $0) } }
            problems = row.problems
        }
        guard checking else { return (prospect, []) }
        problems += Validation.prospect(prospect, path: "").map {
            ValidationProblem(String($0.path.drop { $0 == "." }), $0.message)
        }
        return (prospect, problems)
    }

    /// Sets a field by its case, not its name: the row path sets every field of every row.
    static func set(_ field: Field, _ value: String, in prospect: inout ProspectFields) {
        switch field {
        case .email: prospect.email = value
        case .status: prospect.status = value
        case .first_name: prospect.first_name = value
        case .last_name: prospect.last_name = value
        case .company: prospect.company = value
        case .website: prospect.website = value
        case .linkedin_url: prospect.linkedin_url = value
        case .tags: prospect.tags = value
        case .title: prospect.title = value
        case .phone: prospect.phone = value
        case .address: prospect.address = value
        case .city: prospect.city = value
        case .state: prospect.state = value
        case .country: prospect.country = value
        case .industry: prospect.industry = value
        case .interested: prospect.interested = value
        default: prospect.snippets[field.rawValue - Field.snippet1.rawValue + 1] = value
        }
    }

    func email(of item: ProspectFields) -> String? { item.email }
}
