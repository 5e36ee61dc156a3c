import Foundation
import OutreachAPI

/// `--steps FILE`: the steps of a campaign from a YAML or JSON file in either of two forms — the
/// spec's step list (what `campaign export` writes under `steps:`, alone or with the `steps:` key
/// or a whole spec around it), or the API's step tree (a `START` step, the API's field names).
/// Every problem is located in the file; a file that is neither says so in one sentence.
enum StepFile {
    static func load(_ path: String) throws(RuntimeError) -> Step {
        // A JSON file's syntax is JSON's (its own messages); its places come from the YAML reader.
        if path.lowercased().hasSuffix(".json") { _ = try ValueReader.read(path) }
        let locator = try YAMLLocator.load(path)
        guard let root = locator.root else { throw RuntimeError("\(path):1:1: \(expected); the file is empty") }
        if root.sequence != nil { return try specSteps(locator, at: "") }
        guard let mapping = root.mapping else {
            throw RuntimeError("\(locator.place(of: "")): \(expected); the file holds \(locator.describeValue(at: ""))")
        }
        let keys = mapping.compactMap { $0.key.string }
        if keys.contains("type") { return try tree(locator) }
        if keys.contains("steps") { return try specSteps(locator, at: "steps") }
        let shown = keys.prefix(6).joined(separator: ", ")
        throw RuntimeError("\(locator.place(of: "")): \(expected); the file is a mapping of \(shown)")
    }

    static let expected =
        "--steps takes the spec's step list (as campaign export writes under steps:) "
        + "or the API's step tree (a START step with type: START)"

    /// The spec's step list at `listPath`: structure, windows, waits and snippets checked.
    static func specSteps(_ locator: YAMLLocator, at listPath: String) throws(RuntimeError) -> Step {
        var reader = CampaignSpecReader(locator: locator)
        let steps = reader.readSteps(at: listPath)
        var problems = reader.problems
        let spec = CampaignSpec(name: "", steps: steps)
        // The checks of a spec, on its steps only (the command's flags give the rest); a
        // spec path `steps[0].window` is `[0].window` in a file that is only the list.
        for problem in spec.problems(excluding: Set(reader.reportedPaths.map { listPath.isEmpty ? "steps" + $0 : $0 }))
        where problem.hasPrefix("steps") {
            let path = listPath.isEmpty ? String(problem.dropFirst("steps".count)) : problem
            problems.append(locator.locate(path.hasPrefix(":") ? "the step list" + path : path))
        }
        problems = CampaignSpec.inFileOrder(problems, name: locator.name)
        guard problems.isEmpty, let tree = spec.draft().steps else {
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            throw RuntimeError("\(count) in \(locator.name):\n  " + problems.joined(separator: "\n  "))
        }
        return tree
    }

    /// The API's step tree, decoded; a wrong field is named at its place in the file.
    static func tree(_ locator: YAMLLocator) throws(RuntimeError) -> Step {
        let value = try ValueReader.read(locator.name)
        do {
            return try JSONCoding.decode(Step.self, from: Data(JSONRenderer().render(value).utf8))
        } catch {
            throw RuntimeError("\(locator.describe(error)) (in the API's step tree)")
        }
    }
}
