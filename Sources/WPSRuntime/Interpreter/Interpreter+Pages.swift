import WPSLanguage

/// Pipelines over a list that arrives a page at a time (``ValueStream``): the stages that can
/// work a page at a time (``PageRole``) do so while the next page is fetched, so the whole list
/// is never held unless a stage needs it whole (`sort-by`, a variable, a table).
extension Interpreter {
    /// Where the pages of a statement's result go as they arrive, instead of being gathered into
    /// one value: every stream's to `pages` (NDJSON), a live stream's to `live` (a terminal's
    /// table), with the columns the stream prefers.
    struct PageOutput: Sendable {
        var pages: (@Sendable ([Value]) -> Void)?
        var live: (@Sendable (_ columns: [[String]], _ items: [Value]) -> Void)?

        /// The output for `stream`'s pages, if they have one.
        func output(for stream: ValueStream) -> (@Sendable ([Value]) -> Void)? {
            if let pages { return pages }
            guard let live, let columns = stream.liveColumns else { return nil }
            return { items in live(columns, items) }
        }
    }

    /// Runs a pipeline; where its result arrives in pages and `pageOutput` takes them, each page
    /// goes there as it arrives (the pipeline's value is then null).
    mutating func run(_ pipeline: Pipeline, pageOutput: PageOutput?) async throws -> Value {
        var value = Value.null
        if let input = pipeline.input { value = try await evaluate(input) }
        var index = 0
        let stages = pipeline.stages
        while index < stages.count {
            let command = stages[index]
            do {
                if let definition = definitions[command.words], definition.pages != nil {
                    let invocation = try await read(command, with: definition, input: value)
                    if let stream = try await definition.pages?(invocation, &self) {
                        let (result, next) = try await flow(
                            stream, through: stages[(index + 1)...], pageOutput: pageOutput)
                        value = result
                        index = next
                        continue
                    }
                    value = try await run(command, invocation: invocation, with: definition)
                } else {
                    value = try await run(command, input: value)
                }
            } catch var error as RuntimeError where error.result != nil && index + 1 < stages.count {
                error.result = nil  // a result in mid-pipeline is nobody's to print
                throw error
            }
            index += 1
        }
        return value
    }

    /// Every item of a stream, fetched page after page: for a place that needs the whole list.
    mutating func collect(_ stream: ValueStream) async throws -> [Value] {
        let (value, _) = try await flow(stream, through: [], pageOutput: nil)
        return value.items
    }

    /// Runs the stream through the stages at the front of `stages` that work a page at a time,
    /// up to and including the first that reduces the pages (`count`, `first`, `last`); returns
    /// the value they come to and the index of the first stage left to run on it.
    private mutating func flow(
        _ stream: ValueStream, through stages: ArraySlice<Command>, pageOutput: PageOutput?
    ) async throws -> (Value, Int) {
        do {
            let result = try await flowPages(stream, through: stages, pageOutput: pageOutput)
            await stream.closing?()
            return result
        } catch {
            await stream.closing?()
            throw error
        }
    }

    private mutating func flowPages(
        _ stream: ValueStream, through stages: ArraySlice<Command>, pageOutput: PageOutput?
    ) async throws -> (Value, Int) {
        var perPage: [Command] = []
        var reducer: (command: Command, role: PageRole)?
        var next = stages.startIndex
        for command in stages {
            guard let role = definitions[command.words]?.pageRole else { break }
            next += 1
            if case .perItem = role {
                perPage.append(command)
            } else {
                reducer = (command, role)
                break
            }
        }
        // Pages go to the output only where nothing is left to run on them.
        let output = next == stages.endIndex && reducer == nil ? pageOutput?.output(for: stream) : nil
        defer { stream.finish() }

        var collected: [Value] = []
        var counted = 0
        var kept: [Value] = []
        var number = 1
        // The next pages (up to `prefetch`) are on their way while this one goes through the stages.
        var ahead: [Task<ValueStream.Page, any Error>] = []
        var requested = 1
        let fetch = stream.fetch
        func fillAhead(after page: ValueStream.Page) {
            guard !page.isLast else {
                // A page asked for before the total was known, past the end: not needed.
                for task in ahead { task.cancel() }
                ahead = []
                return
            }
            while ahead.count < stream.prefetch {
                requested += 1
                let wanted = requested
                ahead.append(Task { try await fetch(wanted) })
            }
        }
        // The first pages go out together (as many as may be in flight): waiting for the first
        // to learn the total would cost a round trip.
        let first = Task { try await fetch(1) }
        while ahead.count + 1 < stream.firstPages {
            requested += 1
            let wanted = requested
            ahead.append(Task { try await fetch(wanted) })
        }
        let started = ahead
        var page = try await withTaskCancellationHandler {
            try await first.value
        } onCancel: {
            first.cancel()
            for task in started { task.cancel() }
        }
        while true {
            fillAhead(after: page)
            let following = ahead.isEmpty ? nil : ahead.removeFirst()
            do {
                try Task.checkCancellation()
                var items = page.items
                session?.memory.remember(.list(items))
                for command in perPage { items = try await run(command, input: .list(items)).items }
                switch reducer {
                case nil:
                    if let output { output(items) } else { collected += items }
                case (let command, .counting)?:
                    if case .int(let count) = try await run(command, input: .list(items)) { counted += count }
                case (let command, .keepsFirst)?:
                    let given = kept + items
                    let result = try await run(command, input: .list(given))
                    guard case .list(let firsts) = result, firsts.count == given.count else {
                        following?.cancel()
                        for task in ahead { task.cancel() }
                        try await stream.delivered?(number)
                        return (result, next)  // it has what it needs: no more pages
                    }
                    kept = firsts
                case (let command, _)?:
                    kept = try await run(command, input: .list(kept + items)).items
                }
                try await stream.delivered?(number)
            } catch {
                following?.cancel()
                for task in ahead { task.cancel() }
                throw error
            }
            guard let following else { break }
            // Ctrl-C while waiting for the next page stops its request too.
            let waiting = ahead
            page = try await withTaskCancellationHandler {
                try await following.value
            } onCancel: {
                following.cancel()
                for task in waiting { task.cancel() }
            }
            number += 1
            // A page fetched ahead of the last one holds nothing: the pages after it are not needed.
            if page.isLast {
                for task in ahead { task.cancel() }
                ahead = []
            }
        }
        switch reducer {
        case nil: return (output == nil ? .list(collected) : .null, next)
        case (_, .counting)?: return (.int(counted), next)
        case (let command, _)?: return (try await run(command, input: .list(kept)), next)
        }
    }
}
