import Foundation
import OutreachAPI
import Testing

@testable import WPSRuntime

@Suite struct WindowNotationTests {
    @Test func notationRoundTrips() throws {
        for text in [
            "MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00; SUN all-day", "MON,WED 09:00-17:00", "MON-SUN all-day",
            "TUE 00:00-24:00", "MON,TUE 08:00-09:00; THU-SAT 10:00-11:00",
        ] {
            let compiled = try WindowNotation.parse(text)
            let printed = WindowNotation.format(compiled)
            #expect(try WindowNotation.parse(printed) == compiled, "\(text) → \(printed)")
        }
        #expect(
            WindowNotation.format(
                try WindowNotation.parse("MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00; SUN all-day"))
                == "MON-FRI 08:00-18:00; SAT 08:00-10:00,16:00-18:00; SUN all-day")
        #expect(
            WindowNotation.format(try WindowNotation.parse("SAT all-day; MON-FRI 08:00-18:00; SUN all-day"))
                == "MON-FRI 08:00-18:00; SAT,SUN all-day")
        #expect(WindowNotation.format(try WindowNotation.parse("mon,tue,wed 08:00-09:00")) == "MON-WED 08:00-09:00")
    }

    @Test func problemsPointIntoTheString() {
        func problem(_ text: String) -> TextProblem? {
            do {
                _ = try WindowNotation.parse(text)
                return nil
            } catch { return error }
        }
        #expect(
            problem("MON-FRI 08:00-12:00,11:00-13:00")
                == TextProblem("11:00-13:00 overlaps 08:00-12:00 on MON", offset: 20, length: 11))
        #expect(
            problem("MON 10:00-09:00")
                == TextProblem("10:00-09:00: from must be earlier than to", offset: 4, length: 11))
        #expect(problem("MON 08:00-09:00; TUE,XYZ 08:00-09:00")?.offset == 21)
        #expect(problem("MON 08:00-09:00; MON 08:30-10:00")?.message == "08:30-10:00 overlaps 08:00-09:00 on MON")
        #expect(problem("MON")?.message == "write DAYS TIMES, e.g. MON-FRI 08:00-18:00")
        #expect(problem("  ")?.message == "the window is empty: write e.g. MON-FRI 08:00-18:00")
        #expect(problem("MON 25:00-26:00")?.offset == 4)
    }

    /// Found by scripts/fuzz (window): something missing at the end of the text is pointed at
    /// with one caret just past it, never beyond.
    @Test func somethingMissingAtTheEndIsPointedAtJustPastIt() {
        func problem(_ text: String) -> TextProblem? {
            do {
                _ = try WindowNotation.parse(text)
                return nil
            } catch { return error }
        }
        let text = "MON-FRI 08:00-10:00,16:00-18:00,"
        #expect(
            problem(text)
                == TextProblem(
                    "window time '': write H:mm-H:mm, e.g. 08:00-18:00 or 9:00-17:00", offset: text.utf8.count,
                    length: 1))
        #expect(
            problem("MON- 08:00-10:00")
                == TextProblem("unknown day '': use MON TUE WED THU FRI SAT SUN", offset: 4, length: 1))
    }
}

@Suite struct SnippetLintTests {
    @Test func documentedSnippetsAndFallbacksPass() {
        for text in [
            "Hi {{FIRST_NAME}}", #"Hi {{FIRST_NAME | "there"}},"#, #"{{FIRST_NAME | ""}}"#,
            #"{{SNIPPET_1 | "contain "quoted" text without escape character"}}"#, "{{UNSUBSCRIBE}} {{SNIPPET_15}}",
            "a { b } c",
        ] {
            #expect(SnippetLint.scan(text).problems.isEmpty, "\(text)")
        }
        #expect(
            SnippetLint.scan(#"{{SNIPPET_1 | "contain "quoted" text"}}"#).uses.first?.fallback
                == #"contain "quoted" text"#)
    }

    @Test func everyProblemIsFound() {
        #expect(
            SnippetLint.scan("Hi {{FIRST_NAM}}").problems == [
                TextProblem("unknown snippet '{{FIRST_NAM}}' — did you mean '{{FIRST_NAME}}'?", offset: 3, length: 13)
            ])
        #expect(
            SnippetLint.scan("Hi {{first_name}}").problems.first?.message.contains("did you mean '{{FIRST_NAME}}'")
                == true)
        #expect(
            SnippetLint.scan("Hi {{FIRST_NAME").problems == [
                TextProblem("'{{' is never closed with '}}'", offset: 3, length: 2)
            ])
        #expect(
            SnippetLint.scan("Hi FIRST_NAME}}").problems == [
                TextProblem("'}}' without an opening '{{'", offset: 13, length: 2)
            ])
        #expect(
            SnippetLint.scan("{{FIRST_NAME | there}}").problems.first?.message
                == #"the fallback of {{FIRST_NAME}} must be quoted: {{FIRST_NAME | "value"}}"#)
        #expect(SnippetLint.scan("{{SNIPPET_16}}").problems.count == 1)
    }

    @Test func fillUsesFieldsThenFallbacks() {
        #expect(
            SnippetLint.fill(#"Hi {{FIRST_NAME | "there"}} from {{COMPANY}}"#, from: ["first_name": "Ann"])
                == "Hi Ann from {{COMPANY}}")
        #expect(SnippetLint.fill(#"Hi {{FIRST_NAME | "there"}}"#, from: [:]) == "Hi there")
    }
}

@Suite struct MessageBodyTests {
    @Test func markdownBecomesHTMLWithSnippetsIntact() {
        #expect(
            MessageBody.html(fromMarkdown: "# Hi {{FIRST_NAME}}\n\nSome *text*.")
                == "<h1>Hi {{FIRST_NAME}}</h1><p>Some <em>text</em>.</p>")
    }
}

@Suite struct CampaignTreeTests {
    @Test func treeSnapshot() throws {
        let json = """
            {"id": 7, "name": "Q4 outreach", "status": "DRAFT", "email_account_ids": [1, 2],
             "settings": {"timezone": "Europe/Berlin", "daily_enroll": 50},
             "steps": {"id": "s0", "type": "START", "followup": {
               "id": "s1", "type": "EMAIL", "followup_after": {"range": "DAY", "value": 3},
               "delivery_time": {"MONDAY": [{"from": "08:00", "to": "18:00"}], "TUESDAY": [{"from": "08:00", "to": "18:00"}],
                                 "WEDNESDAY": [{"from": "08:00", "to": "18:00"}], "SATURDAY": [{"from": "00:00", "to": "00:00"}]},
               "body": {"versions": [{"id": "v1", "version": "A", "subject": "Hi {{FIRST_NAME}}", "message": "<p>A</p>", "signature": "SENDER", "track_opens": true},
                                     {"id": "v2", "version": "B", "subject": "Hello", "message": "<p>B</p>", "signature": "NO_SIGNATURE"}]},
               "followup": {"id": "s2", "type": "EMAIL", "delivery_time": {"FRIDAY": [{"from": "09:00", "to": "12:00"}]},
                 "body": {"versions": [{"id": "v3", "version": "A", "subject": null, "message": "<p>F</p>"}]}, "followup": null}}}}
            """
        let campaign = try JSONCoding.decode(Campaign.self, from: Data(json.utf8))
        #expect(
            CampaignTree.render(campaign, dim: false) == """
                Q4 outreach  #7  DRAFT · Europe/Berlin · 50/day · accounts 1,2
                START  s0
                ├─ EMAIL 1  MON-WED 08:00-18:00; SAT all-day  s1
                │    A  "Hi {{FIRST_NAME}}"  (tracks opens)  v1
                │    B  "Hello"  (no signature)  v2
                │  ↓ wait 3 days
                └─ EMAIL 2  FRI 09:00-12:00  s2
                     A  (no subject: same thread)  v3
                   ↓ wait 1 day before a step added after it
                """)
        #expect(CampaignTree.render(campaign, dim: true).contains("\u{1B}[2ms1\u{1B}[0m"))
    }
}

@Suite struct CampaignSpecTests {
    @Test func aSpecReadsBackFromItsYAMLAndCompilesToTheSameSteps() throws {
        let spec = CampaignSpec(
            name: "Q4", id: nil, accounts: [1], settings: CampaignSettings(timezone: "UTC", daily_enroll: 5),
            steps: [
                .init(
                    window: "MON-FRI 08:00-18:00; SUN all-day", wait: "13h",
                    versions: [
                        .init(subject: "Hi {{FIRST_NAME}}", message: "<p>A</p>", signature: "SENDER", track_opens: true)
                    ]),
                .init(
                    window: "FRI 09:00-12:00", wait: nil,
                    versions: [.init(subject: nil, message: "<p>F</p>", signature: "NO_SIGNATURE", track_opens: false)]),
            ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wps-spec-\(UUID().uuidString).yaml")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try spec.yaml().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try CampaignSpec.load(path) == spec)
        #expect(spec.problems().isEmpty)
        let draft = spec.draft()
        let first = try #require(draft.steps?.followup)
        #expect(first.followup_after == FollowupAfter(range: .hour, value: 13))
        #expect(first.followup?.body?.versions.first?.signature == .noSignature)
        // A campaign built from the draft exports to the same spec.
        let campaign = Campaign(
            id: 9, name: "Q4", status: .draft, email_account_ids: [1], settings: spec.settings ?? CampaignSettings(),
            steps: try #require(draft.steps))
        var exported = CampaignSpec(campaign)
        exported.id = nil
        #expect(exported == spec)
    }

    @Test func problemPathsNameTheSpecsPlaces() {
        #expect(
            CampaignSpec.specPath("steps.followup.followup.body.versions[0].subject") == "steps[1].versions[0].subject")
        #expect(CampaignSpec.specPath("steps.followup.delivery_time.MONDAY[0]") == "steps[0].window.MONDAY[0]")
        #expect(CampaignSpec.specPath("email_account_ids") == "accounts")
        #expect(CampaignSpec.specPath("settings.timezone") == "settings.timezone")
    }
}
