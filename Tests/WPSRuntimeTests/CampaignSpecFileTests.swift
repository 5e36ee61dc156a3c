import Foundation
import OutreachAPI
import Testing

@testable import WPSRuntime

/// A file in a fresh temporary directory.
private func file(_ name: String, _ text: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wps-spec-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent(name).path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite struct CampaignLintTests {
    /// Structure, windows, waits, snippets and documented rules: all in one run, in the file's order.
    @Test func everyProblemOfASpecInOneRun() throws {
        let path = try file(
            "q4.yaml",
            """
            name: Q4
            acounts: [123001]
            settings:
              timezone: Europe/Berlin
              daily_enroll: fifty
            steps:
              - window: MON-FRY 08:00-18:00
                wait: 3x
                versions:
                  - subject: "Hi {{FIRST_NAM"
                    message: [1, 2]
              - window: MON-FRI 08:00-18:00
                versions:
                  - message: "<p>again</p>"
                    track_opens: maybe
              - versions: 5
            """)
        let problems = try CampaignSpec.lint(path).problems.map { $0.replacingOccurrences(of: path, with: "q4.yaml") }
        #expect(
            problems == [
                "q4.yaml:1:1: accounts: must be provided",
                "q4.yaml:2:1: acounts: unknown key — did you mean 'accounts'?",
                "q4.yaml:5:17: settings.daily_enroll: expected a whole number, got 'fifty'",
                "q4.yaml:7:13: steps[0].window: unknown day 'FRY': use MON TUE WED THU FRI SAT SUN (at byte 4 of 'MON-FRY 08:00-18:00')",
                "q4.yaml:8:11: steps[0].wait: write a wait such as 3d or 13h, got '3x'",
                "q4.yaml:10:18: steps[0].versions[0].subject: '{{' is never closed with '}}'",
                "q4.yaml:11:18: steps[0].versions[0].message: expected text, got a list",
                "q4.yaml:15:22: steps[1].versions[0].track_opens: expected true or false, got 'maybe'",
                "q4.yaml:16:5: steps[2].window: missing",
                "q4.yaml:16:15: steps[2].versions: expected a list, got '5'",
            ])
        // A spec with none passes; apply and diff refuse with the same whole list.
        #expect(throws: RuntimeError.self) { try CampaignSpec.read(path) }
    }

    @Test func aCleanSpecHasNoProblems() throws {
        let path = try file(
            "ok.yaml",
            """
            name: Q4
            accounts: [123001]
            settings: {timezone: Europe/Berlin, daily_enroll: 50}
            steps:
              - window: MON-FRI 08:00-18:00
                versions: [{subject: Hi, message: <p>x</p>}]
            """)
        #expect(try CampaignSpec.lint(path).problems == [])
    }
}

@Suite struct StepFileTests {
    let list = """
        - window: MON-FRI 09:00-17:00
          wait: 3d
          versions:
          - subject: Hi
            message: <p>x</p>
        - window: FRI 09:00-12:00
          versions:
          - message: <p>again</p>
        """

    /// The spec's list alone, under `steps:`, and in a whole exported spec all make the same tree.
    @Test func theSpecStepListInEveryForm() throws {
        let alone = try StepFile.load(try file("steps.yaml", list))
        let indented = list.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let under = try StepFile.load(try file("steps.yaml", "steps:\n" + indented))
        let whole = try StepFile.load(try file("q4.yaml", "name: Q4\naccounts: [1]\nsteps:\n" + indented))
        #expect(alone == under && under == whole)
        let path = alone.path
        #expect(path.map(\.type) == [.start, .email, .email])
        #expect(path[1].followup_after == FollowupAfter(range: .day, value: 3))
        #expect(path[1].body?.versions.first?.subject == "Hi")
        #expect(path[2].body?.versions.first?.subject == nil)
    }

    @Test func theAPIsRawTreeStillLoads() throws {
        let tree = try StepFile.load(
            try file(
                "tree.json",
                """
                {"type": "START", "followup": {"type": "EMAIL", "delivery_time": {"MONDAY": [{"from": "08:00", "to": "18:00"}]},
                 "body": {"versions": [{"subject": "Hi", "message": "<p>x</p>"}]}}}
                """))
        #expect(tree.path.count == 2)
    }

    @Test func everyProblemIsLocatedAndNeverASwiftDecodingError() throws {
        let bad = try file(
            "bad.yaml",
            "- window: MON-FRY 09:00-17:00\n  wiat: 3d\n  versions:\n  - subject: Hi {{FIRST_NAME\n- versions: []\n")
        do {
            _ = try StepFile.load(bad)
            Issue.record("loaded")
        } catch {
            let text = error.message.replacingOccurrences(of: bad, with: "bad.yaml")
            #expect(
                text == """
                    6 problems in bad.yaml:
                      bad.yaml:1:11: [0].window: unknown day 'FRY': use MON TUE WED THU FRI SAT SUN (at byte 4 of 'MON-FRY 09:00-17:00')
                      bad.yaml:2:3: [0].wiat: unknown key — did you mean 'wait'?
                      bad.yaml:4:5: [0].versions[0].message: must be provided
                      bad.yaml:4:14: [0].versions[0].subject: '{{' is never closed with '}}'
                      bad.yaml:5:3: [1].window: missing
                      bad.yaml:5:13: [1].versions: must have 1…5 versions, got 0
                    """)
        }
        for (name, text, expected) in [
            ("neither.json", #"{"foo": 1, "bar": 2}"#, "the file is a mapping of foo, bar"),
            ("text.yaml", "hello", "the file holds 'hello'"),
            ("empty.yaml", "", "the file is empty"),
            (
                "tree.json", #"{"type": "START", "followup": {"type": "EMAIL", "delivery_time": 5}}"#,
                "followup.delivery_time: expected a mapping, got '5' (in the API's step tree)"
            ),
        ] {
            let path = try file(name, text)
            do {
                _ = try StepFile.load(path)
                Issue.record("\(name) loaded")
            } catch {
                #expect(error.message.hasPrefix(path + ":1:"), "\(error.message)")
                #expect(error.message.hasSuffix(expected), "\(error.message)")
                #expect(!error.message.contains("DecodingError"))
                #expect(!error.message.contains("\n"), "one sentence: \(error.message)")
            }
        }
    }
}

@Suite struct CampaignTreeWidthTests {
    let campaign: Campaign = {
        let json = """
            {"id": 777001, "name": "Q4 outreach for European prospects", "status": "DRAFT", "email_account_ids": [123001, 123003],
             "settings": {"timezone": "Europe/Berlin", "daily_enroll": 50},
             "steps": {"id": "60c41d8b-704f-4eec-82fa-7f1d0c5e4fb4", "type": "START", "followup": {
               "id": "d324c1b1-0000-4000-8000-000000000001", "type": "EMAIL", "followup_after": {"range": "DAY", "value": 2},
               "delivery_time": {"MONDAY": [{"from": "08:00", "to": "18:00"}], "SUNDAY": [{"from": "00:00", "to": "00:00"}]},
               "body": {"versions": [{"id": "e61f1f09-0000-4000-8000-000000000002", "version": "A",
                 "subject": "Quick question about your outreach, {{FIRST_NAME}}", "message": "<p>A</p>"}]},
               "followup": {"id": "25dc3b08-0000-4000-8000-000000000003", "type": "EMAIL", "followup_after": {"range": "HOUR", "value": 13},
                 "delivery_time": {"FRIDAY": [{"from": "09:00", "to": "12:00"}]},
                 "body": {"versions": [{"id": "38f3fe22-0000-4000-8000-000000000004", "version": "A", "message": "<p>F</p>"}]},
                 "followup": null}}}}
            """
        return (try? JSONCoding.decode(Campaign.self, from: Data(json.utf8)))!
    }()

    @Test(arguments: [32, 50, 80])
    func everyLineFitsTheTerminal(width: Int) {
        let lines = CampaignTree.render(campaign, dim: true, width: width).split(separator: "\n")
        let plain = lines.map {
            $0.replacingOccurrences(of: "\u{1B}[2m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
        }
        for line in plain { #expect(line.count <= width, "\(line.count) > \(width): \(line)") }
        // The stems and the last step's wait are never cut away.
        #expect(plain.contains { $0.hasPrefix("└─ EMAIL 2") })
        #expect(plain.last?.hasPrefix("   ↓ wait 13 hours") == true)
        #expect(plain.contains { $0.hasPrefix("│  ↓ wait 2 days") })
    }

    @Test func idsAreShortenedBeforeTheTextIsCut() {
        let lines = CampaignTree.render(campaign, dim: false, width: 50).split(separator: "\n").map(String.init)
        #expect(lines[1] == "START  60c41d8b-704f-4eec-82fa-7f1d0c5e4fb4")
        #expect(lines.contains("└─ EMAIL 2  FRI 09:00-12:00  25dc3b08…"))
        #expect(lines.contains("│    A  \"Quick question about your outreach, {{FI…"))
        // Without a width nothing is cut.
        #expect(
            CampaignTree.render(campaign, dim: false).contains("{{FIRST_NAME}}\"  e61f1f09-0000-4000-8000-000000000002")
        )
    }
}
