import Foundation
import Synchronization
import Testing
import WPSLanguage

@testable import WPSRuntime

/// What a paged source saw: the pages asked for, and how many items the stage after it had
/// been given when each page was asked for.
private final class PageLedger: Sendable {
    struct State {
        var fetched: [Int] = []
        var markedWhenFetched: [Int: Int] = [:]
        var marked = 0
    }
    let state = Mutex(State())
}

/// An interpreter whose `pages` command gives `pageCount` pages of 100 records `{n: 1…}`, and
/// whose `mark` stage counts the items it is given a page at a time and passes them on.
private func pagedInterpreter(
    _ ledger: PageLedger, pageCount: Int = 10, failingAt failing: Int? = nil, prefetch: Int = 1,
    firstPages: Int = 1, firstWaitsForSecond: Bool = false, pageOutput: (@Sendable ([Value]) -> Void)? = nil,
    printed: Printed
) -> Interpreter {
    let pages = CommandDefinition.paged(["test", "pages"]) { _, _ in
        ValueStream(
            fetch: { number in
                ledger.state.withLock { state in
                    state.fetched.append(number)
                    state.markedWhenFetched[number] = state.marked
                }
                // The first page answers only once the second was asked for: both are on their way.
                while firstWaitsForSecond, number == 1, !ledger.state.withLock({ $0.fetched.contains(2) }) {
                    try await Task.sleep(for: .milliseconds(1))
                }
                if number == failing { throw RuntimeError("page \(number) could not be read") }
                guard number <= pageCount else { return ValueStream.Page(items: [], isLast: true) }
                let items = (1...100).map { Value.record(["n": .int((number - 1) * 100 + $0)]) }
                return ValueStream.Page(items: items, isLast: number == pageCount)
            }, prefetch: prefetch, firstPages: firstPages)
    }
    let mark = CommandDefinition.custom(["mark"], pageRole: .perItem) { _, input, _ in
        ledger.state.withLock { $0.marked += input.items.count }
        return input
    }
    var interpreter = Interpreter(commands: CommandDefinition.replacing(mark, in: CommandDefinition.replacing(pages))) {
        printed.values.append($0)
    }
    interpreter.pageOutput = pageOutput
    return interpreter
}

private func run(_ text: String, _ interpreter: inout Interpreter) async throws {
    let parsed = Parser.parse(SourceFile(name: "t.wps", text: text), registry: interpreter.registry)
    #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
    try await interpreter.run(parsed.script)
}

@Suite struct PagedPipelineTests {
    @Test func eachPageGoesThroughTheStagesBeforeThePageAfterTheNextIsAskedFor() async throws {
        let ledger = PageLedger()
        let printed = Printed()
        var interpreter = pagedInterpreter(ledger, printed: printed)
        try await run(#"test pages | mark | where n % 2 == 0 | count"#, &interpreter)
        #expect(printed.values == [.int(500)])
        let state = ledger.state.withLock { $0 }
        #expect(state.fetched == Array(1...10))
        // Page N is asked for while page N-1 goes through the stages: by then every page before
        // that one has been through them. Held whole, the stage would have seen nothing.
        for number in 3...10 {
            #expect((state.markedWhenFetched[number] ?? -1) >= (number - 2) * 100, "page \(number)")
        }
        #expect(state.marked == 1_000)
    }

    /// With two pages admitted in flight, the second goes out with the first (the total is not
    /// known before the first answers): no round trip is spent waiting for it. A third may wait
    /// ahead later, but not before the total is known: a one-page listing asks for one page more.
    @Test(.timeLimit(.minutes(1))) func theFirstPagesGoOutTogetherWhenSeveralMayBeInFlight() async throws {
        for pageCount in [1, 2, 10] {
            let ledger = PageLedger()
            let printed = Printed()
            var interpreter = pagedInterpreter(
                ledger, pageCount: pageCount, prefetch: 3, firstPages: 2, firstWaitsForSecond: true, printed: printed)
            try await run("test pages | mark | count", &interpreter)
            #expect(printed.values == [.int(pageCount * 100)], "\(pageCount) pages")
            let state = ledger.state.withLock { $0 }
            #expect(state.marked == pageCount * 100)
            #expect(Array(state.fetched.sorted().prefix(pageCount)) == Array(1...pageCount))
            #expect(state.fetched.count <= pageCount + (pageCount == 1 ? 1 : 2), "\(state.fetched)")
            if pageCount == 1 { #expect(state.fetched.sorted() == [1, 2]) }
        }
    }

    @Test func firstStopsAskingForPagesOnceItHasWhatItNeeds() async throws {
        let ledger = PageLedger()
        let printed = Printed()
        var interpreter = pagedInterpreter(ledger, printed: printed)
        try await run("test pages | first 150 | count", &interpreter)
        try await run("test pages | where n > 250 | first | get n", &interpreter)
        #expect(printed.values == [.int(150), .int(251)])
        // Two pages for the first, three for the second; at most one more each was on its way.
        let fetched = ledger.state.withLock { $0.fetched }
        #expect(fetched.count <= 7 && fetched.filter { $0 > 4 }.isEmpty, "\(fetched)")
    }

    @Test func lastAndLengthAndEachSeeTheWholeListAPageAtATime() async throws {
        let ledger = PageLedger()
        let printed = Printed()
        var interpreter = pagedInterpreter(ledger, pageCount: 3, printed: printed)
        try await run("test pages | last 2 | each { $it.n }", &interpreter)
        try await run("test pages | last | get n", &interpreter)
        try await run("test pages | select n | length", &interpreter)
        try await run("test pages | each { $it.n * 2 } | last", &interpreter)
        #expect(printed.values == [.list([.int(299), .int(300)]), .int(300), .int(300), .int(600)])
    }

    @Test func aStageThatNeedsTheWholeListGetsItAndAVariableHoldsIt() async throws {
        let ledger = PageLedger()
        let printed = Printed()
        var interpreter = pagedInterpreter(ledger, pageCount: 3, printed: printed)
        try await run("test pages | where n > 150 | sort-by n --reverse | first | get n", &interpreter)
        try await run("let all = test pages | where n > 0\n$all | count", &interpreter)
        try await run("test pages | mark | select n | sort-by n | last | get n", &interpreter)
        #expect(printed.values == [.int(300), .int(300), .int(300)])
    }

    @Test func pagesPrintAsTheyArriveWhereThePipelineEndsWithThem() async throws {
        let ledger = PageLedger()
        let printed = Printed()
        let pages = Printed()
        let lock = NSLock()
        var interpreter = pagedInterpreter(
            ledger, pageCount: 4,
            pageOutput: { items in lock.withLock { pages.values.append(.list(items)) } }, printed: printed)
        try await run("test pages | where n % 100 < 3", &interpreter)
        #expect(printed.values == [])
        #expect(pages.values.count == 4 && pages.values.allSatisfy { $0.items.count == 3 })
        // A reduced result, an assignment and a redirect are not printed by pages.
        try await run("test pages | count", &interpreter)
        #expect(printed.values == [.int(400)] && pages.values.count == 4)
    }

    @Test func aPageThatFailsStopsThePipelineWithItsErrorAndTryCatchesIt() async throws {
        let ledger = PageLedger()
        let printed = Printed()
        var interpreter = pagedInterpreter(ledger, failingAt: 3, printed: printed)
        await #expect(throws: RuntimeError.self) { try await run("test pages | count", &interpreter) }
        try await run(#"try { test pages | count } catch { echo "failed: $error.message" }"#, &interpreter)
        #expect(printed.values.first?.text.contains("page 3 could not be read") == true, "\(printed.values)")
        #expect(ledger.state.withLock { $0.fetched.max() } == 3)
    }

    @Test(.timeLimit(.minutes(1))) func cancellingWhileTheNextPageIsOnItsWayStopsItsRequest() async throws {
        let (asked, signal) = AsyncStream<Int>.makeStream()
        let stopped = Mutex(false)
        let pages = CommandDefinition.paged(["test", "pages"]) { _, _ in
            ValueStream { number in
                guard number > 1 else { return ValueStream.Page(items: [.int(1)], isLast: false) }
                signal.yield(number)
                do {
                    try await Task.sleep(for: .seconds(3_600))  // a request that does not answer
                } catch {
                    stopped.withLock { $0 = true }
                    throw error
                }
                return ValueStream.Page(items: [], isLast: true)
            }
        }
        let printed = Printed()
        let running = Task {
            var interpreter = Interpreter(commands: CommandDefinition.replacing(pages)) { printed.values.append($0) }
            try await run("test pages | count", &interpreter)
        }
        for await _ in asked { break }  // page 2 has been asked for
        running.cancel()
        await #expect(throws: CancellationError.self) { try await running.value }
        #expect(stopped.withLock { $0 })
        #expect(printed.values.isEmpty)
    }
}
