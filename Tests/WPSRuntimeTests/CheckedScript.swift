import WPSLanguage

@testable import WPSRuntime

/// What `wps --check` prints for `text` (as `t.wps`), and its exit code.
func checkedScript(_ text: String) async -> (code: Int32, errors: String) {
    final class Lines: @unchecked Sendable { var text = "" }
    let errors = Lines()
    let runner = ScriptRunner(format: .json, write: { _ in }, writeError: { errors.text += $0 + "\n" })
    let code = await runner.check(SourceFile(name: "t.wps", text: text))
    return (code, errors.text)
}
