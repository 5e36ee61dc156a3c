import OutreachAPI

/// A tenant's Saleshandy sequences. Saleshandy's API creates none, so every account starts with
/// two demo sequences (an email step on day 1 each); steps are added through the API.
struct SequenceBook: Codable, Sendable {
    /// One sequence and its steps, ordered by day.
    struct Record: Codable, Sendable {
        var id: String
        var title: String
        var active: Bool
        var steps: [SaleshandyStep]
    }

    var sequences: [Record] = []
    var seeded = false
    /// The number in the next step's (and variant's) id.
    var nextID = 1

    /// The demo sequences' ids (10 characters, as Saleshandy's).
    static let demoIDs = ["sq7Kd2mPq1", "sq9Vn4xRt2"]

    /// Seeds the demo sequences on first use.
    mutating func seedIfNeeded() {
        guard !seeded else { return }
        seeded = true
        for (id, title) in zip(Self.demoIDs, ["Demo: SaaS founders", "Demo: agencies"]) {
            var record = Record(id: id, title: title, active: true, steps: [])
            record.steps.append(
                makeStep(
                    SaleshandyStepRequest(
                        type: SaleshandyChannel.email.rawValue, absoluteDays: 1,
                        variants: [
                            SaleshandyVariant(payload: ["subject": "Quick question", "content": "Hi {{firstName}},"])
                        ]), number: 1))
            sequences.append(record)
        }
    }

    /// A sequence created for an id the book does not have (a dry run's overlay, which cannot
    /// know the real account's sequences).
    mutating func placeholder(_ id: String) -> Int {
        sequences.append(Record(id: id, title: "Sequence \(id)", active: true, steps: []))
        return sequences.count - 1
    }

    /// The step a request describes, with ids of the book's own.
    mutating func makeStep(_ request: SaleshandyStepRequest, number: Int) -> SaleshandyStep {
        let id = "st" + String(nextID, radix: 36).leftPadded(to: 8)
        nextID += 1
        let variants = request.variants.map { variant -> SaleshandyVariant in
            var stored = variant
            stored.id = "vr" + String(nextID, radix: 36).leftPadded(to: 8)
            stored.status = 1
            nextID += 1
            return stored
        }
        return SaleshandyStep(
            id: id, name: "Step \(number)", number: number, absoluteDays: request.absoluteDays, type: request.type,
            variants: variants)
    }

    /// Adds a step to the sequence at `index`, renumbering its steps by day (docs/contract/
    /// saleshandy/sequences.md, gaps 1 and 3): one email step per day.
    mutating func add(_ request: SaleshandyStepRequest, toSequenceAt index: Int) throws(SandboxError) -> SaleshandyStep
    {
        if request.type == SaleshandyChannel.email.rawValue,
            sequences[index].steps.contains(where: {
                $0.type == SaleshandyChannel.email.rawValue && $0.absoluteDays == request.absoluteDays
            })
        {
            throw SaleshandySandboxErrors.badRequest(
                "absoluteDays: day \(request.absoluteDays) already has an email step")
        }
        var step = makeStep(request, number: 0)
        sequences[index].steps.append(step)
        sequences[index].steps.sort { ($0.absoluteDays, $0.id) < ($1.absoluteDays, $1.id) }
        for position in sequences[index].steps.indices {
            sequences[index].steps[position].number = position + 1
            sequences[index].steps[position].name = "Step \(position + 1)"
        }
        step = sequences[index].steps.first { $0.id == step.id } ?? step
        return step
    }
}

extension String {
    /// The text with `0`s in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
