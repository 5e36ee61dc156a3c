import Foundation
import OutreachAPI
import Testing
import WPSHost
import WPSLanguage
import WPSRuntime

/// What a script printed.
final class Printed: @unchecked Sendable {
    var out: [String] = []
    var err: [String] = []
}

/// The `.wps` transcripts in `Transcripts/`: each runs in-process against the embedded sandbox, as
/// `wps --sandbox --output json FILE` would, and its output must be its `.out` file (and its
/// diagnostics its `.err` file, when there is one). A first line `# exit: N` gives the exit code
/// it must end with (default 0). To see what a transcript prints:
/// `wps --sandbox --output json Tests/TranscriptTests/Transcripts/NAME.wps`.
@Suite struct TranscriptTests {
    static let directory = Bundle.module.resourceURL?.appendingPathComponent("Transcripts")

    static var names: [String] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
            return []
        }
        return files.filter { $0.hasSuffix(".wps") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func thereAreTranscripts() {
        #expect(Self.names.count >= 3, "\(Self.names)")
    }

    @Test(arguments: names)
    func transcript(_ name: String) async throws {
        let directory = try #require(Self.directory)
        let script = try String(contentsOf: directory.appendingPathComponent("\(name).wps"), encoding: .utf8)
        let expected = try String(contentsOf: directory.appendingPathComponent("\(name).out"), encoding: .utf8)
        let expectedErrors = try? String(contentsOf: directory.appendingPathComponent("\(name).err"), encoding: .utf8)
        let exitCode =
            script.split(separator: "\n").first.flatMap { line in
                line.hasPrefix("# exit: ") ? Int32(line.dropFirst("# exit: ".count)) : nil
            } ?? 0

        let sandbox = try await EmbeddedSandbox.start(processingDelay: .milliseconds(20))
        let transport = AsyncHTTPTransport(readTimeout: .seconds(10))
        var configuration = sandbox.configuration
        configuration.requestTimeout = .seconds(10)
        let client = OutreachClient(configuration: configuration, transport: transport)
        let printed = Printed()
        do {
            try await sandbox.connectDemoMailboxes(client)
            var session = Session(client: client, transport: transport)
            session.settings.drawsTrees = false
            let runner = ScriptRunner(
                format: .json, write: { printed.out.append($0) }, writeError: { printed.err.append($0) })
            var interpreter = Interpreter(session: session) { printed.out.append(runner.render($0)) }
            let code = await runner.run(SourceFile(name: "\(name).wps", text: script), interpreter: &interpreter)
            #expect(code == exitCode, "\(name): exit \(code)\n\(printed.err.joined(separator: "\n"))")
        } catch {
            Issue.record("\(name): \(error)")
        }
        await transport.shutdown()
        await sandbox.stop()
        let output = printed.out.joined(separator: "\n") + "\n"
        #expect(output == expected, "\(name).out differs; got:\n\(output)")
        if let expectedErrors {
            #expect(
                printed.err.joined(separator: "\n") + "\n" == expectedErrors,
                "\(name).err differs; got:\n\(printed.err.joined(separator: "\n"))")
        }
    }
}
