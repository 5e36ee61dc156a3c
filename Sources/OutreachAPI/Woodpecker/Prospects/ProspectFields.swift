/// A prospect as `add_prospects_list` and `add_prospects_campaign` take it: `email` and the
/// optional fields, blank when left out (docs/contract/add_prospects_list.md).
public struct ProspectFields: Sendable, Hashable, Codable {
    public var email: String
    public var status: String?
    public var first_name: String?
    public var last_name: String?
    public var company: String?
    public var website: String?
    public var linkedin_url: String?
    public var tags: String?
    public var title: String?
    public var phone: String?
    public var address: String?
    public var city: String?
    public var state: String?
    public var country: String?
    public var industry: String?
    /// `interested` (only with `update` into a campaign): e.g. `INTERESTED`.
    public var interested: String?
    /// `snippet1` … `snippet15`, by number.
    public var snippets: [Int: String] = [:]

    /// The text fields besides `email` and the snippets, by their API names, in the documents' order.
    public static let textFields = [
        "status", "first_name", "last_name", "company", "website", "linkedin_url", "tags", "title", "phone",
        "address", "city", "state", "country", "industry", "interested",
    ]
    /// The numbers snippets may have.
    public static let snippetNumbers = 1...15

    public init(email: String) { self.email = email }

    /// A text field by its API name (`company`, `snippet3`).
    public subscript(field: String) -> String? {
        get {
            if let number = Self.snippetNumber(field) { return snippets[number] }
            switch field {
            case "email": return email
            case "status": return status
            case "first_name": return first_name
            case "last_name": return last_name
            case "company": return company
            case "website": return website
            case "linkedin_url": return linkedin_url
            case "tags": return tags
            case "title": return title
            case "phone": return phone
            case "address": return address
            case "city": return city
            case "state": return state
            case "country": return country
            case "industry": return industry
            case "interested": return interested
            default: return nil
            }
        }
        set {
            if let number = Self.snippetNumber(field) {
                snippets[number] = newValue
                return
            }
            switch field {
            case "email": email = newValue ?? ""
            case "status": status = newValue
            case "first_name": first_name = newValue
            case "last_name": last_name = newValue
            case "company": company = newValue
            case "website": website = newValue
            case "linkedin_url": linkedin_url = newValue
            case "tags": tags = newValue
            case "title": title = newValue
            case "phone": phone = newValue
            case "address": address = newValue
            case "city": city = newValue
            case "state": state = newValue
            case "country": country = newValue
            case "industry": industry = newValue
            case "interested": interested = newValue
            default: break
            }
        }
    }

    /// `snippet7` → 7 (1…15); nil for any other name.
    public static func snippetNumber(_ field: String) -> Int? {
        guard field.hasPrefix("snippet"), let number = Int(field.dropFirst("snippet".count)),
            snippetNumbers.contains(number)
        else { return nil }
        return number
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        email = try container.decode(String.self, forKey: Key("email"))
        for field in Self.textFields { self[field] = try container.decodeIfPresent(String.self, forKey: Key(field)) }
        for number in Self.snippetNumbers {
            snippets[number] = try container.decodeIfPresent(String.self, forKey: Key("snippet\(number)"))
        }
    }

    /// The fields in ``textFields`` order, read directly (a 20,000-prospect request encodes each
    /// field of each prospect; looking them up by name was most of its cost).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(email, forKey: Key("email"))
        let fields: [(String, String?)] = [
            ("status", status), ("first_name", first_name), ("last_name", last_name), ("company", company),
            ("website", website), ("linkedin_url", linkedin_url), ("tags", tags), ("title", title), ("phone", phone),
            ("address", address), ("city", city), ("state", state), ("country", country), ("industry", industry),
            ("interested", interested),
        ]
        for (name, value) in fields {
            if let value { try container.encode(value, forKey: Key(name)) }
        }
        guard !snippets.isEmpty else { return }
        for number in Self.snippetNumbers {
            if let value = snippets[number] { try container.encode(value, forKey: Key("snippet\(number)")) }
        }
    }
}
