import Testing
import Yams

@testable import WPSRuntime

/// YAML a person edits: text of several lines as a `|` block that reads back as the same text.
@Suite struct YAMLBlockTests {
    @Test func textOfSeveralLinesIsALiteralBlockThatReadsBack() throws {
        let message = "<p>Hi {{FIRST_NAME}},</p>\n\n<p>  second: \"quoted\"</p>\n"
        let value: Value = .record(["subject": .string("Hi"), "message": .string(message)])
        let yaml = try YAMLRenderer().render(value)
        #expect(yaml == "subject: Hi\nmessage: |\n  <p>Hi {{FIRST_NAME}},</p>\n\n  <p>  second: \"quoted\"</p>\n")
        let read = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        #expect(read["message"] as? String == message)
    }
}
