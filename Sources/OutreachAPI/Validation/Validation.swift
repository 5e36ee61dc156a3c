/// The documented request rules, as pure functions returning *every* problem with its field path.
///
/// The client runs them before sending; the sandbox runs the same functions when receiving, so
/// both sides agree on what is valid.
///
/// ```swift
/// Validation.manualBulk(request).map(\.description)
/// // ["mailboxes[3].smtp_port: must be in 1…65535"]
/// ```
public enum Validation {}

/// Collects problems while walking a request.
struct ProblemList {
    private(set) var items: [ValidationProblem] = []

    mutating func add(_ path: String, _ message: String) { items.append(ValidationProblem(path, message)) }
    mutating func add(_ problems: [ValidationProblem]) { items += problems }

    /// `provided` — the field must be present.
    mutating func required<T>(_ value: T?, _ path: String) -> T? {
        if value == nil { add(path, "must be provided") }
        return value
    }

    /// A required string that must not be blank.
    mutating func requiredText(_ value: String?, _ path: String) {
        guard let value = required(value, path) else { return }
        if Validation.isBlank(value) { add(path, "must not be blank") }
    }

    /// An optional string that, if provided, must not be blank.
    mutating func optionalText(_ value: String?, _ path: String) {
        if let value, Validation.isBlank(value) { add(path, "must not be blank") }
    }

    /// A required, valid email address.
    mutating func requiredEmail(_ value: String?, _ path: String) {
        guard let value = required(value, path) else { return }
        if !Validation.isValidEmail(value) { add(path, "must be a valid email address") }
    }

    /// An optional email address that must be valid if provided.
    mutating func optionalEmail(_ value: String?, _ path: String) {
        if let value, !Validation.isValidEmail(value) { add(path, "must be a valid email address") }
    }

    /// An optional domain that must be valid if provided.
    mutating func optionalDomain(_ value: String?, _ path: String) {
        if let value, !Validation.isValidDomain(value) { add(path, "must be a valid domain such as track.example.com") }
    }

    /// An integer in a closed range.
    mutating func range(_ value: Int?, _ range: ClosedRange<Int>, _ path: String, required: Bool) {
        guard let value else {
            if required { add(path, "must be provided") }
            return
        }
        if !range.contains(value) { add(path, "must be in \(range.lowerBound)…\(range.upperBound), got \(value)") }
    }

    /// Reports values seen before, naming the first occurrence.
    mutating func duplicates(_ values: [String?], path: (Int) -> String) {
        var seen: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            guard let value, !value.isEmpty else { continue }
            let key = value.lowercased()
            if let first = seen[key] {
                add(path(index), "duplicates \(path(first))")
            } else {
                seen[key] = index
            }
        }
    }
}
