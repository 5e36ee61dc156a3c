import OutreachAPI
import Yams

/// Reads a campaign spec field by field, so that one run finds every problem of its structure —
/// unknown keys, missing fields, wrong types — each at its line and column, and still yields the
/// best spec the file describes (a field that is wrong is left out) for the later checks.
struct CampaignSpecReader {
    let locator: YAMLLocator
    /// Located problems: `FILE:LINE:COL: path: message`.
    private(set) var problems: [String] = []
    /// The spec paths the problems are about, so a later check does not report them again.
    private(set) var reportedPaths: Set<String> = []

    init(locator: YAMLLocator) {
        self.locator = locator
    }

    /// The spec, with every structural problem recorded.
    mutating func read() -> CampaignSpec {
        problems += locator.unknownKeys(at: "", allowed: CampaignSpec.keys[""] ?? [])
        problems += locator.unknownKeys(at: "settings", allowed: CampaignSpec.keys["settings"] ?? [])
        let name = field(String.self, at: "name", required: true) ?? ""
        var spec = CampaignSpec(
            name: name, id: field(Int.self, at: "id"), accounts: field([Int].self, at: "accounts"),
            settings: field(CampaignSettings.self, at: "settings"), steps: [])
        spec.steps = readSteps(at: "steps")
        return spec
    }

    /// The steps of the list at `path` (`steps` in a spec; `""` for a file that is only the list).
    mutating func readSteps(at listPath: String) -> [CampaignSpec.StepSpec] {
        var result: [CampaignSpec.StepSpec] = []
        guard let steps = sequence(at: listPath, required: true) else { return result }
        for step in steps.indices {
            problems += locator.unknownKeys(at: "\(listPath)[\(step)]", allowed: CampaignSpec.keys["step"] ?? [])
            for version in 0..<locator.count(at: "\(listPath)[\(step)].versions") {
                let path = "\(listPath)[\(step)].versions[\(version)]"
                problems += locator.unknownKeys(at: path, allowed: CampaignSpec.keys["version"] ?? [])
            }
        }
        for index in steps.indices {
            let path = "\(listPath)[\(index)]"
            guard steps[index].mapping != nil else {
                record(
                    path, "expected a mapping with window, wait and versions, got \(locator.describeValue(at: path))")
                continue
            }
            var versions: [CampaignSpec.VersionSpec] = []
            for v in (sequence(at: "\(path).versions", required: true) ?? []).indices {
                let at = "\(path).versions[\(v)]"
                guard locator.exactNode(at: at)?.mapping != nil else {
                    record(at, "expected a mapping with subject and message, got \(locator.describeValue(at: at))")
                    continue
                }
                versions.append(
                    CampaignSpec.VersionSpec(
                        subject: field(String.self, at: "\(at).subject"),
                        message: field(String.self, at: "\(at).message"),
                        signature: field(String.self, at: "\(at).signature"),
                        track_opens: field(Bool.self, at: "\(at).track_opens")))
            }
            let window = field(String.self, at: "\(path).window", required: true) ?? ""
            result.append(
                CampaignSpec.StepSpec(window: window, wait: field(String.self, at: "\(path).wait"), versions: versions))
        }
        return result
    }

    /// The value at `path` decoded as `T`; a wrong value (or a missing required one) is recorded.
    private mutating func field<T: Decodable>(_ type: T.Type, at path: String, required: Bool = false) -> T? {
        guard let node = locator.exactNode(at: path), !Self.isNull(node) else {
            if required { recordMissing(path) }
            return nil
        }
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch {
            record(path, located: locator.describe(Self.rebased(error, under: path)))
            return nil
        }
    }

    /// The items of the sequence at `path`; anything else is recorded.
    private mutating func sequence(at path: String, required: Bool) -> [Node]? {
        guard let node = locator.exactNode(at: path), !Self.isNull(node) else {
            if required { recordMissing(path) }
            return nil
        }
        guard let items = node.sequence else {
            record(path, "expected a list, got \(locator.describeValue(at: path))")
            return nil
        }
        return Array(items)
    }

    private mutating func recordMissing(_ path: String) {
        let parent = path.lastIndex(of: ".").map { String(path[..<$0]) } ?? ""
        reportedPaths.insert(path)
        problems.append("\(locator.place(of: parent)): \(path): missing")
    }

    private mutating func record(_ path: String, _ message: String) {
        record(path, located: "\(locator.place(of: path)): \(path): \(message)")
    }

    private mutating func record(_ path: String, located: String) {
        reportedPaths.insert(path)
        problems.append(located)
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A decoding error of a part of the file, with its coding path made the whole file's.
    static func rebased(_ error: any Error, under path: String) -> any Error {
        let prefix = YAMLLocator.components(path).map { component -> any CodingKey in
            switch component {
            case .key(let key): PathKey(stringValue: key)
            case .index(let index): PathKey(intValue: index)
            }
        }
        func context(_ old: DecodingError.Context) -> DecodingError.Context {
            DecodingError.Context(
                codingPath: prefix + old.codingPath, debugDescription: old.debugDescription,
                underlyingError: old.underlyingError)
        }
        switch error {
        case DecodingError.keyNotFound(let key, let old): return DecodingError.keyNotFound(key, context(old))
        case DecodingError.typeMismatch(let type, let old): return DecodingError.typeMismatch(type, context(old))
        case DecodingError.valueNotFound(let type, let old): return DecodingError.valueNotFound(type, context(old))
        case DecodingError.dataCorrupted(let old): return DecodingError.dataCorrupted(context(old))
        default: return error
        }
    }

    /// A coding key made from a path component.
    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            stringValue = String(intValue)
            self.intValue = intValue
        }
    }
}
