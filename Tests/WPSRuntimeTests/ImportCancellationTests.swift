import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Ctrl-C cancels the running command's task: an import still checking its rows stops within a
/// batch of rows, sending nothing, instead of checking the whole file first.
@Suite struct ImportCancellationTests {
    @Test func cancellingDuringTheCheckStopsItAndSendsNothing() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var csv = "email,first_name\n"
        for index in 0..<200_000 { csv += "p\(index)@acme.com,P\(index)\n" }
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let api = FakeWoodpecker()
        let progress = ProgressLog()
        var session = api.session
        // The check reports every 20,000 rows, on the command's own task: the first report is
        // where Ctrl-C comes.
        session.settings.progress = { line in
            progress.add(line)
            if line.hasSuffix("checked 20000 rows") { withUnsafeCurrentTask { $0?.cancel() } }
        }
        let outcome = await Task { () -> Error? in
            do {
                _ = try await runCommands("prospect import \(path)", session: session)
                return nil
            } catch {
                return error
            }
        }.value
        #expect(outcome is CancellationError, "\(String(describing: outcome))")
        #expect(progress.lines.contains { $0.hasSuffix("checked 20000 rows") })
        #expect(!progress.lines.contains { $0.hasSuffix("checked 40000 rows") })
        #expect(api.bodies.count == 0)
    }
}
