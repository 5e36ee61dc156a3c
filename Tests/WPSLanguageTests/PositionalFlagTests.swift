import Testing
import WPSRuntime

@testable import WPSLanguage

/// A flag spelled as a command's argument (`campaign new --name x`, the API's field name) says
/// the argument is given without a flag, once, instead of "unknown flag" and "needs NAME".
@Suite struct PositionalFlagTests {
    @Test func aFlagNamedAfterAnArgumentSaysItIsGivenWithoutOne() {
        // The flags the rules require given: the one problem is the argument.
        let diagnostics = parse(
            "campaign new --name x --accounts 1 --timezone UTC --daily-enroll 5 --message m"
        ).diagnostics
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "'--name' is not a flag of 'campaign new': NAME is given without one")
        #expect(diagnostics.first?.label == "usage: campaign new [NAME] [flags]")
        #expect(diagnostics.first?.range == SourceRange(13, 19))
    }

    @Test func anotherUnknownFlagStillMissesItsArgument() {
        let messages = parse("campaign get --campain 5").diagnostics.map(\.message)
        #expect(messages.contains("unknown flag '--campain'"))
        #expect(messages.contains("'campaign get' needs ID (campaign id)"))
    }
}
