import Foundation
import OutreachAPI
import Testing
import WPSHost
import WPSLanguage

@testable import WPSRuntime

/// The flags a command requires are the ones the documented rules require: each API command is
/// run against the sandbox with its positionals and no flag at all (past the parser, which would
/// refuse it), and the fields the rules say "must be provided" name, through the flags that fill
/// them, exactly the flags the command declares required — so the checker, `help`, the MCP
/// schema and the README agree with the rules, for a command added later too.
@Suite struct RequiredFlagTests {
    /// A value for a positional of `kind` that the sandbox's demo account has.
    static func placeholder(_ kind: ValueKind) -> WPSLanguage.Expression? {
        let range = SourceRange(0, 0)
        switch kind {
        case .campaignID, .integer, .mailboxID, .stepID, .batchID: return .word("1", range)
        case .string, .prospectEmail, .email: return .word("ann@example.com", range)
        default: return nil
        }
    }

    /// A value the rules accept for a flag of `kind` (the sandbox may still refuse the request).
    static func flagValue(_ flag: FlagDescriptor) -> WPSLanguage.Expression {
        let range = SourceRange(0, 0)
        switch flag.kind {
        case .email: return .word("ann@example.com", range)
        case .integer: return .word(flag.name.hasSuffix("port") ? "465" : "5", range)
        case .list(.mailboxID), .mailboxID, .campaignID: return .word("123001", range)
        case .timezone: return .word("UTC", range)
        case .choice(let options): return .word(options.first ?? "x", range)
        default: return .word("host.example.com", range)
        }
    }

    /// Runs `words` with `arguments` (past the parser); the flags of `descriptor` the rules said
    /// "must be provided" for, or nil when the run did not reach the rules (or passed them).
    static func missing(
        _ descriptor: CommandDescriptor, _ arguments: [Argument], _ session: Session
    ) async -> Set<String>? {
        let command = Command(
            words: descriptor.words, arguments: arguments, nameRange: SourceRange(0, 0), range: SourceRange(0, 0))
        var interpreter = Interpreter(session: session) { _ in }
        do {
            try await interpreter.run(
                Script(statements: [.pipeline(Pipeline(stages: [command], range: command.range))]))
            return []
        } catch let error as RuntimeError {
            guard let failure = error.failure, failure.kind == .validation else { return nil }
            let flags = Set(descriptor.flags.map(\.name))
            return Set(
                failure.problems.filter { $0.message == "must be provided" }.compactMap {
                    FlagForField.flag(for: $0.path)
                }.filter { flags.contains($0) })
        } catch {
            return nil
        }
    }

    @Test func theRequiredFlagsAreTheOnesTheRulesRequire() async throws {
        var options = SessionBuilder.Options()
        options.sandbox = true
        options.environment = SessionBuilderTests.environment()
        let host = try await SessionBuilder(options).build()
        defer { Task { await host.shutdown() } }
        var reached = 0
        var mismatches: [String] = []
        for definition in CommandDefinition.standard where definition.descriptor.category == .api {
            let descriptor = definition.descriptor
            guard !descriptor.isDestructive else { continue }
            var arguments: [Argument] = []
            var runnable = true
            for positional in descriptor.positionals where !positional.optional {
                guard let value = Self.placeholder(positional.kind) else {
                    runnable = false
                    break
                }
                arguments.append(.positional(value))
            }
            guard runnable else { continue }
            let declared = descriptor.flags.filter(\.required)
            let names = Set(declared.map(\.name))
            // With no flag at all, the rules ask for every declared one (none is required for nothing).
            if let without = await Self.missing(descriptor, arguments, host.session) {
                reached += 1
                if !names.isSubset(of: without) {
                    mismatches.append(
                        "\(descriptor.name): declares \(names.subtracting(without).sorted()) required; the rules do not"
                    )
                }
            }
            // With the declared ones given, the rules ask for nothing more.
            let given =
                arguments
                + declared.map { Argument.flag(name: $0.name, value: Self.flagValue($0), range: SourceRange(0, 0)) }
            if let still = await Self.missing(descriptor, given, host.session), !still.isEmpty {
                mismatches.append("\(descriptor.name): the rules also require \(still.sorted()); declare them required")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(reached > 0)
    }
}
