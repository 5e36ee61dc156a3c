/// How every import compares a column's name, so that a spreadsheet's `SMTP Host`, `smtp-host`,
/// ` Smtp_Host ` and the API's `smtp_host` are one column: lower-cased, each run of characters
/// other than letters and digits one `_`, none at either end (`E-mail Address` → `e_mail_address`).
/// The import targets' field names and aliases, the header, `--ignore-column` and `--map` all go
/// through ``key(_:)``.
enum ColumnName {
    /// The name's comparison key.
    static func key(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var pendingSeparator = false
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingSeparator, !result.isEmpty { result.append("_") }
                pendingSeparator = false
                result.append(character)
            } else {
                pendingSeparator = true
            }
        }
        return result
    }
}
