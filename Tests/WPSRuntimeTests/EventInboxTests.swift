import Foundation
import Testing

@testable import WPSRuntime

/// `webhook listen`'s inbox and journal without a network: what a crash between receiving and
/// delivering leaves, and that a restart yields it first and once.
@Suite struct EventInboxTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("wps-events-\(UUID().uuidString)").path

    func event(_ n: Int, _ method: String = "prospect_replied") -> Value {
        .record(["method": .string(method), "prospect": .record(["email": .string("p\(n)@acme.com")])])
    }

    @Test func anEventReceivedAndNotDeliveredIsYieldedFirstByTheNextRunAndOnlyOnce() async throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = EventInbox(journal: try EventJournal(path: path), events: nil, max: nil, seen: [], pending: [])
        // Event 1 is delivered; event 2 is received (journaled) and the process dies before its page is done.
        let sender1 = Task { try await first.receive([event(1)]) }
        let page1 = await first.page(1)
        #expect(page1.items == [event(1)] && !page1.isLast)
        try await first.pageDelivered(1)
        #expect(try await sender1.value == true)
        let sender2 = Task { try await first.receive([event(2)]) }
        #expect(await first.page(2).items == [event(2)])
        // (no pageDelivered(2): the crash) — the sender is never answered 2xx and will retry.

        let journal = try EventJournal.load(path)
        #expect(journal.pending.map(\.event) == [event(2)])
        #expect(journal.seen.count == 2 && journal.deliveredCount == 1)

        let second = EventInbox(
            journal: try EventJournal(path: path), events: nil, max: 2, seen: journal.seen, pending: journal.pending)
        // The sender retries 1 (answered at once, not yielded) and 2 (yielded first, from the journal).
        #expect(try await second.receive([event(1)]) == true)
        let retry = Task { try await second.receive([event(2), event(3)]) }
        let page = await second.page(1)
        #expect(page.items.first == event(2))
        try await second.pageDelivered(1)
        var yielded = page.items
        if !page.isLast {
            let next = await second.page(2)
            yielded += next.items
            try await second.pageDelivered(2)
        }
        #expect(yielded == [event(2), event(3)])
        #expect(try await retry.value == true)
        await first.finish()
        _ = try await sender2.value
        #expect(await second.counts.duplicates == 2)
    }

    @Test func eventsNotListenedForAreAnsweredAndNotYielded() async throws {
        let inbox = EventInbox(journal: nil, events: ["prospect_replied"], max: 1, seen: [], pending: [])
        #expect(try await inbox.receive([event(1, "email_opened")]) == true)
        let sender = Task { try await inbox.receive([event(2)]) }
        let page = await inbox.page(1)
        #expect(page.items == [event(2)] && page.isLast)
        try await inbox.pageDelivered(1)
        #expect(try await sender.value == true)
    }

    @Test func aClosedInboxAnswersSoThatTheSenderRetries() async throws {
        let inbox = EventInbox(journal: nil, events: nil, max: nil, seen: [], pending: [])
        await inbox.close()
        #expect(try await inbox.receive([event(1)]) == false)
        #expect(await inbox.page(1).isLast)
    }

    @Test func aLineCutByACrashIsSkipped() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try EventJournal(path: path)
        try journal.received("k1", event(1))
        journal.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"received":"k2","event":{"meth"#.utf8))
        try handle.close()
        let loaded = try EventJournal.load(path)
        #expect(loaded.pending.map(\.key) == ["k1"])
    }
}

@Suite struct EventInboxEndingTests {
    @Test func aRequestWaitingOnEventsPastMaxIsAnsweredWhenTheStreamEnds() async throws {
        let inbox = EventInbox(journal: nil, events: nil, max: 1, seen: [], pending: [])
        let events: [Value] = (1...3).map { .record(["n": .int($0)]) }
        let sender = Task { try await inbox.receive(events) }
        let page = await inbox.page(1)
        #expect(page.items.count == 1 && page.isLast)
        try await inbox.pageDelivered(1)
        await inbox.finish()
        #expect(try await sender.value == false)  // 503: the sender retries events 2 and 3
    }
}
