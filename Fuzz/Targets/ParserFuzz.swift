import WPSLanguage

/// libFuzzer entry point for the lexer and parser: any bytes, read as UTF-8 (invalid sequences
/// repaired), must parse to statements and diagnostics without trapping, and every diagnostic
/// must render with its caret (which reads the source at the diagnostic's range).
@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let source = SourceFile(name: "fuzz.wps", text: text)
    let result = Parser.parse(source)
    let renderer = DiagnosticRenderer(source: source)
    for diagnostic in result.diagnostics {
        _ = renderer.render(diagnostic)
        _ = renderer.renderLine(diagnostic)
    }
    return 0
}
