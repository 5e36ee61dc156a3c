import OutreachAPI

/// Reads the raw query string of `GET /rest/v1/prospects` into a ``ProspectQuery``: `+` decodes
/// to a space (so an unencoded `+` in `sort` reaches `Validation.prospectSort` as the space it
/// treats as `+`, docs/contract gap 16), `%XX` to its byte. A value of the wrong kind answers
/// `E_WRONG_PARAM` naming the parameter; unknown parameters are ignored (gap 17).
enum ProspectQueryParsing {
    static func parse(_ raw: String) throws(SandboxError) -> ProspectQuery {
        var query = ProspectQuery()
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            switch name {
            case "page": query.page = try integer(name, value)
            case "per_page": query.per_page = try integer(name, value)
            case "sort": query.sort = value
            case "id": query.id = try integer(name, value)
            case "status": query.status = value
            case "campaigns_id":
                var ids: [Int] = []
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let id = Int(item.trimmingCharacters(in: .whitespaces)) else {
                        throw wrong(name, "must be campaign ids separated by commas, got '\(value)'")
                    }
                    ids.append(id)
                }
                query.campaigns_id = ids
            case "campaigns_details": query.campaigns_details = try boolean(name, value)
            case "contacted": query.contacted = try boolean(name, value)
            case "interested": query.interested = value
            case "activity": query.activity = value
            case "search":
                var pairs: [(field: String, value: String)] = []
                for item in value.split(separator: ",", omittingEmptySubsequences: false) {
                    let sides = item.split(separator: "=", omittingEmptySubsequences: false)
                    guard sides.count == 2, !sides[0].isEmpty else {
                        throw wrong(name, "must be field=value pairs separated by commas, got '\(value)'")
                    }
                    pairs.append((String(sides[0]), String(sides[1])))
                }
                query.search = pairs
            default: break
            }
        }
        if let problem = Validation.prospectQuery(query).first {
            throw SandboxError.v1(.wrongParam, problem.description)
        }
        return query
    }

    static func wrong(_ name: String, _ message: String) -> SandboxError {
        SandboxError.v1(.wrongParam, "\(name): \(message)")
    }

    static func integer(_ name: String, _ value: String) throws(SandboxError) -> Int {
        guard let number = Int(value) else { throw wrong(name, "must be an integer, got '\(value)'") }
        return number
    }

    static func boolean(_ name: String, _ value: String) throws(SandboxError) -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default: throw wrong(name, "must be true or false, got '\(value)'")
        }
    }

    /// Form decoding: `+` is a space, `%XX` a byte; a malformed escape is kept as written.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
