import OutreachAPI

/// libFuzzer entry point for the window notation: parsing never traps; a problem points inside
/// the text (or just past its end, at something missing); and whatever parses prints back to notation that parses to the same windows and
/// prints the same again (parse → format → parse round-trips).
@_cdecl("LLVMFuzzerTestOneInput")
public func windowFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    let parsed: DeliveryTime
    do {
        parsed = try WindowNotation.parse(text)
    } catch {
        // Inside the text, or (for something missing at the end) one caret just past it.
        let count = text.utf8.count
        guard error.offset >= 0, error.length >= 1,
            error.offset + error.length <= count || (error.offset == count && error.length == 1)
        else {
            fatalError(
                "problem outside the text: offset \(error.offset) length \(error.length) in \(text.utf8.count) bytes")
        }
        return 0
    }
    let printed = WindowNotation.format(parsed)
    let again: DeliveryTime
    do {
        again = try WindowNotation.parse(printed)
    } catch {
        fatalError(
            "format printed \(printed.debugDescription) for \(text.debugDescription), which does not parse: \(error)")
    }
    guard again == parsed else {
        fatalError("\(text.debugDescription) → \(printed.debugDescription) reads back differently")
    }
    guard WindowNotation.format(again) == printed else {
        fatalError("\(printed.debugDescription) prints differently the second time")
    }
    return 0
}
