import Foundation

/// libFuzzer entry point for the CSV import reader: any bytes either fail with a located error
/// or read to the end, every row's line number growing and every column named in the header.
@_cdecl("LLVMFuzzerTestOneInput")
public func csvReaderFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    var reader: CSVRowReader
    do {
        reader = try CSVRowReader(name: "fuzz.csv", records: CSVRecordReader(data: data))
    } catch {
        guard isLocated(error.message) else { fatalError("unlocated header error: \(error.message)") }
        return 0
    }
    var lastLine = 1
    var rows = 0
    while true {
        let row: SourceRow?
        do {
            row = try reader.next()
        } catch {
            guard isLocated(error.message) else { fatalError("unlocated row error: \(error.message)") }
            return 0
        }
        guard let row else { break }
        rows += 1
        guard row.line > lastLine else { fatalError("row \(rows) is on line \(row.line), after line \(lastLine)") }
        guard row.fields.keys.allSatisfy(reader.header.contains) else {
            fatalError("a field outside the header: \(row.fields.keys)")
        }
        lastLine = row.line
        if rows > count + 1 { fatalError("more rows (\(rows)) than bytes (\(count))") }
    }
    return 0
}

/// Whether a message starts `fuzz.csv:LINE:` with LINE a positive number.
func isLocated(_ message: String) -> Bool {
    guard message.hasPrefix("fuzz.csv:") else { return false }
    let digits = message.dropFirst("fuzz.csv:".count).prefix { $0.isASCII && $0.isNumber }
    guard let line = Int(digits), line >= 1 else { return false }
    return message.dropFirst("fuzz.csv:".count + digits.count).hasPrefix(":")
}
