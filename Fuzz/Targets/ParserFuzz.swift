import WPSLanguage

/// libFuzzer entry point for the lexer and parser: any bytes, read as UTF-8 (invalid sequences
/// repaired), must parse to statements and diagnostics without trapping, and every diagnostic
/// must render with its caret (which reads the source at the diagnostic's range). They are
/// rendered all at once, as `wps` renders a script's problems (each line laid out once), and the
/// first one alone too.
@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let source = SourceFile(name: "fuzz.wps", text: text)
    let result = Parser.parse(source, registry: standardRegistry)
    let renderer = DiagnosticRenderer(source: source)
    _ = renderer.render(result.diagnostics)
    _ = renderer.renderLines(result.diagnostics)
    if let first = result.diagnostics.first {
        _ = renderer.render(first)
        _ = renderer.renderLine(first)
    }
    return 0
}
