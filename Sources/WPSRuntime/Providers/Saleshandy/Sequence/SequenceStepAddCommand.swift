import OutreachAPI
import WPSLanguage

/// `sequence step add ID --day N …`: adds a step on day N of a sequence — an email (subject and
/// content, up to 26 variants), a LinkedIn, call, WhatsApp or task step.
enum SequenceStepAddCommand {
    static let day = Flag<Int>("day", "the day of the sequence it runs on (1…999)", fields: ["absoluteDays"])
    static let channel = Flag<String>(
        "channel", .choice(SaleshandyChannel.allCases.map(\.name)), "the step's channel (default email)",
        fields: ["type"])
    static let subject = Flag<String>(
        "subject", .string, "an email's (or InMail's) subject; repeat for A/B variants", repeatable: true)
    static let content = Flag<String>(
        "content", .string, "an email's HTML: text or @FILE (@FILE.md is turned into HTML); repeat for variants",
        repeatable: true, read: .htmlContent)
    static let preheader = Flag<String>("preheader", .string, "an email's preheader")
    static let message = Flag<String>("message", .string, "a LinkedIn message's or InMail's text")
    static let connectionNote = Flag<String>("connection-note", .string, "a LinkedIn connection request's note")
    static let note = Flag<String>(
        "note", .string, "a task step's note (at most 3000 characters)", fields: ["taskNote"])
    static let priority = Flag<String>(
        "priority", .choice(["urgent", "high", "normal", "low"]), "a task step's priority (default normal)")
    static let assignee = Flag<String>("assignee", .string, "the user who gets its tasks", fields: ["assigneeId"])

    static let definition = CommandDefinition(
        ["sequence", "step", "add"], "Add a step to a sequence on a given day.", category: .api,
        positionals: [SequenceCommands.id],
        flags: [
            day.required(), channel, subject, content, preheader, message, connectionNote, note, priority, assignee,
            SharedFlags.provider,
        ],
        examples: [
            "sequence step add sq7Kd2mPq1 --day 3 --subject 'Following up' --content @followup.html",
            "sequence step add sq7Kd2mPq1 --day 5 --channel linkedin-message --message 'Saw your post'",
        ],
        sends: ["POST /v1/sequences/{sequenceId}/steps"],
        tests: ["e2e:test_saleshandy_sequences.py::test_sequences_are_listed_fetched_and_grow_a_step"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = SequenceCommands.text(try invocation.required(SequenceCommands.id))
        let kind = invocation[channel].flatMap(SaleshandyChannel.init(name:)) ?? .email
        let request = SaleshandyStepRequest(
            type: kind.rawValue, absoluteDays: invocation[day] ?? 0,
            variants: try variants(invocation, kind),
            priority: invocation[priority].map { $0.prefix(1).uppercased() + $0.dropFirst() },
            assigneeId: invocation[assignee])
        let answer = try await session.connection.send(
            Saleshandy.AddSequenceStep(sequenceID: id, request), for: invocation.command)
        return try SequenceCommands.stepValue(answer.payload)
    }

    /// The variants the flags describe: one per `--subject`/`--content` pair on email, else one.
    static func variants(_ invocation: Invocation, _ kind: SaleshandyChannel) throws -> [SaleshandyVariant] {
        let subjects = invocation.all(subject)
        let contents = invocation.all(content)
        let note = invocation[note]
        switch kind {
        case .email:
            guard subjects.count == contents.count else {
                throw RuntimeError(
                    "an email step's variants are --subject/--content pairs: \(subjects.count) --subject, "
                        + "\(contents.count) --content",
                    at: invocation.range(of: subjects.count > contents.count ? subject : content), exitCode: 2)
            }
            if subjects.isEmpty {
                return [SaleshandyVariant(payload: [:], taskNote: note)]
            }
            return zip(subjects, contents).map { subject, content in
                var payload = ["subject": subject, "content": content]
                if let preheader = invocation[preheader] { payload["preheader"] = preheader }
                return SaleshandyVariant(payload: payload, taskNote: note)
            }
        case .linkedinConnectionRequest:
            return [
                SaleshandyVariant(
                    payload: invocation[connectionNote].map { ["connectionNote": $0] } ?? [:], taskNote: note)
            ]
        case .linkedinMessage:
            return [SaleshandyVariant(payload: invocation[message].map { ["message": $0] } ?? [:], taskNote: note)]
        case .linkedinInMail:
            var payload: [String: String] = [:]
            if let subject = subjects.first { payload["subject"] = subject }
            if let message = invocation[message] { payload["message"] = message }
            return [SaleshandyVariant(payload: payload, taskNote: note)]
        default:
            return [SaleshandyVariant(payload: [:], taskNote: note)]
        }
    }
}

extension ArgumentReader where T == String {
    /// HTML content: text, `@file.html`, or `@file.md` (Markdown, turned into HTML).
    static let htmlContent = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        guard case .fileReference(let path, _)? = site.expression else { return text }
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") ? MessageBody.html(fromMarkdown: text) : text
    }
}
