import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// A provider is a folder, not an `if`: outside each target's `<Provider>/` folders no source
/// line names a provider (comments aside), save the registration files, one per target; the
/// language target names none at all, comments included.
@Suite struct ProviderSeamTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The files that register the providers, one line each: all a new provider touches outside
    /// its folders (with the README).
    static let registrations: Set<String> = [
        "OutreachAPI/Core/Providers.swift", "WPSRuntime/Providers/ProviderKits.swift",
        "Sandbox/Server/SandboxProviders.swift",
    ]

    /// Every Swift source under `Sources/`, by its path relative to it.
    static func sourceFiles() throws -> [(path: String, text: String)] {
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var files: [(String, String)] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let path = String(url.path.dropFirst(sources.path.count + 1))
            files.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The provider names on `text`'s code lines (not comment lines), any case.
    static func names(in text: String, includingComments: Bool = false) -> [String] {
        let names = Provider.allCases.map(\.rawValue)
        var found: [String] = []
        for line in text.split(separator: "\n") {
            let code = line.trimmingCharacters(in: .whitespaces)
            if !includingComments, code.hasPrefix("//") { continue }
            let lower = code.lowercased()
            for name in names where lower.contains(name) && !found.contains(name) { found.append(name) }
        }
        return found
    }

    @Test func noProviderIsNamedOutsideItsFolders() throws {
        let folders = Set(Provider.allCases.map(\.displayName))
        var named: [String: [String]] = [:]
        let files = try Self.sourceFiles()
        #expect(files.count > 100, "the sources were not found at \(Self.sources.path)")
        for (path, text) in files {
            let components = path.split(separator: "/").map(String.init)
            guard folders.isDisjoint(with: components) else { continue }
            let found = Self.names(in: text, includingComments: components.first == "WPSLanguage")
            if !found.isEmpty { named[path] = found }
        }
        let unexpected = named.filter { !Self.registrations.contains($0.key) }
        #expect(unexpected.isEmpty, "provider names outside their folders: \(unexpected.keys.sorted())")
        #expect(Set(named.keys) == Self.registrations, "each registration file names the providers")
    }

    @Test func eachProviderHasItsFolderInEveryTargetThatKnowsIt() throws {
        let files = try Self.sourceFiles().map(\.path)
        for provider in Provider.allCases {
            for target in ["OutreachAPI", "Sandbox", "WPSRuntime/Providers"] {
                #expect(
                    files.contains { $0.hasPrefix("\(target)/\(provider.displayName)/") },
                    "\(target)/\(provider.displayName)/ is missing")
            }
            #expect(ProviderKits.kit(for: provider) != nil, "\(provider) has no runtime kit")
        }
    }

    @Test func aCommandOfOneProviderIsRefusedInAnothersSessionBeforeSending() async throws {
        let served = CommandDefinition.standard.filter { $0.servedBy != nil }
        #expect(!served.isEmpty)
        for definition in served {
            guard let owner = definition.servedBy,
                let other = Provider.allCases.first(where: { $0 != owner })
            else { continue }
            let client = OutreachClient(
                configuration: .init(apiKeys: [owner: "k", other: "k"]), transport: RefusingTransport())
            var interpreter = Interpreter(session: Session(client: client, provider: other)) { _ in }
            let words = definition.descriptor.words
            let range = SourceRange(0, words.joined(separator: " ").utf8.count)
            let invocation = Invocation(
                command: Command(words: words, arguments: [], nameRange: range, range: range), input: .null)
            let line = definition.name
            do {
                _ = try await definition.body(invocation, &interpreter)
                Issue.record("\(line) ran in a \(other) session")
            } catch let error as RuntimeError {
                // Refused at the command, before any argument is looked at or anything sent.
                #expect(error.exitCode == 2, "\(line): \(error.message)")
                #expect(
                    error.message.hasPrefix(
                        "\(other.displayName)'s API cannot do \(line): it is a \(owner.displayName) command"),
                    "\(line): \(error.message)")
            }
        }
    }
}

/// The verbs several providers serve each their own way (`prospect import`): each provider's
/// session refuses another provider's flags, and a missing flag its own variant requires, at the
/// command (exit 2), before any request.
extension ProviderSeamTests {
    @Test func aSharedVerbTakesOnlyTheAskedProvidersFlags() async throws {
        let merged = CommandDefinition.standard.filter { $0.providers.count > 1 }
        #expect(merged.contains { $0.name == "prospect import" })
        // `--provider` chooses the variant: every provider's takes it.
        #expect(merged.allSatisfy { $0.flagsByProvider.values.allSatisfy { $0.contains("provider") } })
        for definition in merged {
            let all = Set(definition.flagsByProvider.values.joined())
            for provider in definition.providers {
                let own = definition.flagsByProvider[provider] ?? []
                let client = OutreachClient(
                    configuration: .init(
                        apiKeys: Dictionary(uniqueKeysWithValues: Provider.allCases.map { ($0, "k") })),
                    transport: RefusingTransport())
                // Asked of the session's provider, and of another session's with `--provider`.
                let ways = Provider.allCases.map { session in
                    (session, session == provider ? "" : " --provider \(provider.rawValue)")
                }
                for foreign in all.subtracting(own).sorted() {
                    for (sessionProvider, choosing) in ways {
                        var interpreter = Interpreter(session: Session(client: client, provider: sessionProvider)) {
                            _ in
                        }
                        let positionals = definition.descriptor.positionals.map { _ in "x" }.joined(separator: " ")
                        let kind = definition.descriptor.flag(named: foreign)?.kind
                        let value: String = if case .choice(let options)? = kind { options[0] } else { "1" }
                        let line = "\(definition.name) \(positionals)\(choosing) --\(foreign) \(value)"
                        let parsed = Parser.parse(SourceFile(name: "<test>", text: line))
                        guard case .pipeline(let pipeline)? = parsed.script.statements.first,
                            let command = pipeline.stages.first
                        else {
                            Issue.record("\(line) did not parse")
                            continue
                        }
                        do {
                            let invocation = try await definition.read(command, input: .null, &interpreter)
                            _ = try await definition.body(invocation, &interpreter)
                            Issue.record("\(line) ran in a \(provider) session")
                        } catch let error as RuntimeError {
                            #expect(error.exitCode == 2, "\(line): \(error.message)")
                            #expect(
                                error.message.hasPrefix("--\(foreign) is ")
                                    && error.message.contains(
                                        "with \(provider.displayName), \(definition.name) does not take it"),
                                "\(line): \(error.message)")
                        }
                    }
                }
            }
        }
    }
}

/// A transport that fails every request: a test that reaches it has sent something.
private struct RefusingTransport: HTTPTransport {
    func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse {
        Issue.record("a request was sent: \(request.method) \(request.url)")
        throw CancellationError()
    }
}
