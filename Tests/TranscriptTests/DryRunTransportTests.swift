import Foundation
import OutreachAPI
import Sandbox
import Synchronization
import Testing
import WPSHost
import WPSLanguage
import WPSRuntime

/// The dry run's invariant, at the transport every request goes through: whatever the command,
/// no request other than GET reaches anything but the dry run's own overlay.
@Suite struct DryRunTransportTests {
    /// Every request the network transport was handed: method and URL.
    final class Sent: Sendable {
        let requests = Mutex<[(method: HTTPMethod, url: String)]>([])
        func writes(outside overlay: String) -> [String] {
            requests.withLock { $0 }.filter { $0.method != .get && !$0.url.hasPrefix(overlay) }.map {
                "\($0.method.rawValue) \($0.url)"
            }
        }
    }

    struct Recording: HTTPTransport {
        let inner: AsyncHTTPTransport
        let sent: Sent
        func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse {
            sent.requests.withLock { $0.append((request.method, request.url)) }
            return try await inner.send(request, timeout: timeout)
        }
    }

    /// A real account (a sandbox with a campaign), a dry run against it, and what was sent.
    static func dryRun(_ script: String, key: String = "acct-key") async throws -> (
        sent: Sent, overlay: RunningSandbox, account: RunningSandbox, printed: [String], shown: [String]
    ) {
        var configuration = SandboxConfiguration()
        configuration.port = 0
        configuration.rateLimit = false
        configuration.acceptsAnyAccountID = true
        let account = try await SandboxServer.start(configuration)
        let network = AsyncHTTPTransport()
        let real = OutreachClient(
            configuration: .init(
                baseURLs: [.woodpecker: account.baseURL(for: .woodpecker)], apiKeys: [.woodpecker: "acct-key"]),
            transport: network)
        var setup = Interpreter(session: Session(client: real)) { _ in }
        try await setup.run(
            Parser.parse(
                SourceFile(
                    name: "setup.wps",
                    text: "campaign new Real --accounts 5 --timezone UTC --daily-enroll 5 --subject Hi --message Hello")
            )
            .script)
        await account.counter.reset()
        let overlay = try await DryRunOverlay.startSandbox()
        let sent = Sent()
        let shown = Mutex<[String]>([])
        let transport = DryRunTransport(
            network: Recording(inner: network, sent: sent), overlay: DryRunOverlay(sandbox: overlay, accountKey: "o"),
            show: { text in shown.withLock { $0.append(text) } }, notice: { _ in })
        var clientConfiguration = OutreachClient.Configuration(
            baseURLs: [.woodpecker: account.baseURL(for: .woodpecker)], apiKeys: [.woodpecker: key])
        clientConfiguration.refusedProviders[.saleshandy] = "not this profile's"
        let session = Session(client: OutreachClient(configuration: clientConfiguration, transport: transport))
        var copy = session
        copy.settings.dryRun = true
        let printed = Mutex<[String]>([])
        var interpreter = Interpreter(session: copy) { value in
            printed.withLock { $0.append(JSONRenderer().render(value)) }
        }
        // Each line on its own: a line the overlay refuses does not keep the next from running.
        for line in script.split(separator: "\n") {
            let parsed = Parser.parse(SourceFile(name: "t.wps", text: String(line)))
            do { try await interpreter.run(parsed.script) } catch { printed.withLock { $0.append("error: \(error)") } }
        }
        await network.shutdown()
        return (sent, overlay, account, printed.withLock { $0 }, shown.withLock { $0 })
    }

    @Test func writesOfEveryAPIVersionGoOnlyToTheOverlay() async throws {
        let result = try await Self.dryRun(
            """
            campaign run 777001
            campaign set 777001 --daily-enroll 7
            prospect add zed@acme.com
            prospect add ann@acme.com --campaign 777001
            campaign delete 777001 --yes
            mailbox add --email z@x.com --password pw --smtp-server s.x.com --smtp-port 465 --imap-server i.x.com --imap-port 993
            """)
        defer {
            Task {
                await result.overlay.stop()
                await result.account.stop()
            }
        }
        #expect(result.sent.writes(outside: result.overlay.baseURL) == [])
        let reads = result.sent.requests.withLock { $0 }.filter { $0.url.hasPrefix(result.account.baseURL) }
        #expect(reads.allSatisfy { $0.method == .get })
        #expect(reads.contains { $0.url.hasSuffix("/rest/v2/campaigns/777001") }, "the real campaign is read first")
        #expect(
            result.shown.contains { $0.contains("POST \(result.account.baseURL)/rest/v1/add_prospects_list") },
            "\(result.printed)")
        // The account was not changed.
        let writes = await result.account.counter.byEndpoint.keys.filter { !$0.hasPrefix("GET ") }
        #expect(writes == [])
    }

    @Test func readsOfWhatTheDryRunMadeAreAnsweredByTheOverlay() async throws {
        let result = try await Self.dryRun(
            """
            let c = campaign new Draft --accounts 5 --timezone UTC --daily-enroll 5 --subject Hi --message Hello; campaign get $c.id | get name
            campaign get 777001 | get name
            """)
        defer {
            Task {
                await result.overlay.stop()
                await result.account.stop()
            }
        }
        #expect(result.printed == [#""Draft""#, #""Real""#])
        #expect(result.sent.writes(outside: result.overlay.baseURL) == [])
    }

    @Test func aRequestWithoutARouteIsNeverSentIfItWrites() async throws {
        let overlay = try await DryRunOverlay.startSandbox()
        let sent = Sent()
        let network = AsyncHTTPTransport()
        let transport = DryRunTransport(
            network: Recording(inner: network, sent: sent), overlay: DryRunOverlay(sandbox: overlay, accountKey: "o"),
            show: { _ in }, notice: { _ in })
        let request = PreparedRequest(
            method: .post, url: "https://api.woodpecker.co/rest/v2/campaigns", headers: [("x-api-key", "k")],
            body: Data("{}".utf8), endpoint: "POST campaigns")
        await #expect(throws: TransportFailure.self) { _ = try await transport.send(request, timeout: .seconds(5)) }
        #expect(sent.requests.withLock { $0 }.isEmpty)
        await network.shutdown()
        await overlay.stop()
    }
}
