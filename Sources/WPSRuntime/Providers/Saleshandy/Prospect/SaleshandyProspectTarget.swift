import OutreachAPI
import WPSLanguage

/// What a Saleshandy `prospect import` sends: `POST /v1/sequences/prospects/import-with-field-name`,
/// one object per row keyed by the account's field names (`Email`, `First Name`), from columns
/// named as the API names them or as spreadsheets export them (`email`, `first_name`, `Job Title`).
/// An empty cell is left out, so `--conflict addMissingFields` fills only what is missing.
struct SaleshandyProspectTarget: ImportTarget {
    var unit: String { "request" }
    var family: APIFamily {
        Saleshandy.ImportProspects(SaleshandyProspectImport(prospectList: [], stepId: "", conflictAction: "")).family
    }
    var maxBatchSize: Int { SaleshandyProspectImport.maxProspects }
    var noun: (one: String, many: String) { ("prospect", "prospects") }
    var exampleHeader: String { "Email,First Name,Last Name,Company" }

    /// The account's standard fields (`ColumnName.key` of each field name is the case name), and
    /// the other column names each answers to.
    enum Field: Int, ImportField {
        case email, first_name, last_name, company, country, phone_number, job_title, city, state, linkedin
        case website, industry

        var aliases: [String] {
            switch self {
            case .email: ["e-mail", "email address", "e-mail address", "mail"]
            case .first_name: ["firstname", "first", "given name"]
            case .last_name: ["lastname", "last", "surname", "family name"]
            case .company: ["company name", "organization", "organisation", "account name"]
            case .phone_number: ["phone", "telephone", "mobile"]
            case .job_title: ["title", "position"]
            case .state: ["region", "province"]
            case .linkedin: ["linkedin url", "linkedin profile", "linkedin_url", "person linkedin url"]
            case .website: ["company website", "web", "url", "domain"]
            default: []
            }
        }

        /// The account's name for the field: `First Name`, `Phone Number`, `LinkedIn`.
        var fieldName: String {
            switch self {
            case .linkedin: "LinkedIn"
            default:
                name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            }
        }
    }
    static let map = ColumnMap<Field>()
    static let known = map.known
    var knownColumns: Set<String> { Self.known }
    var columnTable: ColumnTable? { Self.map.table }
    var secretColumns: [String: String] { [:] }

    func item(from row: SourceRow, checking: Bool = true) -> (item: [String: String], problems: [ValidationProblem]) {
        let fields = Self.map.resolve(row, checking: checking)
        var prospect: [String: String] = [:]
        for field in Field.allCases {
            if let value = fields.text(field), !value.isEmpty { prospect[field.fieldName] = value }
        }
        guard checking else { return (prospect, []) }
        var problems = fields.problems
        let typed = Set(problems.map(\.path))
        problems += Validation.saleshandyProspect(prospect).filter { !typed.contains($0.path) }
        return (prospect, showingEmails(problems, ["Email": prospect["Email"]]))
    }

    func email(of item: [String: String]) -> String? { item["Email"] }
}
