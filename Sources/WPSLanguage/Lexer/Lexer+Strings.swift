extension Lexer {
    mutating func lexSingleQuoted() {
        let start = position
        position += 1
        let contentStart = position
        while let byte = current, byte != UInt8(ascii: "'") {
            if byte == 0x00 { nulByte() }
            position += 1
        }
        guard current != nil else {
            isIncomplete = true
            diagnostics.append(
                Diagnostic(.error, "unterminated string: add the closing '", at: SourceRange(start, start + 1)))
            return
        }
        let text = String(decoding: bytes[contentStart..<position], as: UTF8.self)
        position += 1
        emit(.literal(text), from: start)
    }

    mutating func lexDoubleQuoted() {
        let start = position
        position += 1
        var parts: [StringPart] = []
        var text: [UInt8] = []
        func flush() {
            if !text.isEmpty { parts.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                flush()
                emit(.string(parts), from: start)
                return
            case UInt8(ascii: "\\"):
                guard let next = peek() else {
                    position += 1
                    continue
                }
                position += 2
                switch next {
                case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"): text.append(next)
                case UInt8(ascii: "\n"): break  // continuation inside a string
                default:
                    text.append(UInt8(ascii: "\\"))
                    text.append(next)
                }
            case UInt8(ascii: "$") where peek() == UInt8(ascii: "("):
                flush()
                let innerStart = position + 2
                guard let close = matchingParen(from: innerStart) else {
                    position = end
                    isIncomplete = true
                    diagnostics.append(
                        Diagnostic(
                            .error, "unterminated $( in string: add the closing )", at: SourceRange(start, start + 1)))
                    return
                }
                parts.append(.subpipeline(SourceRange(innerStart, close)))
                position = close + 1
            case UInt8(ascii: "$") where peek().map(Self.startsVariable) == true || peek() == UInt8(ascii: "{"):
                flush()
                if peek() == UInt8(ascii: "{") {
                    let braceStart = position
                    position += 2
                    let reference = readVariableBody()
                    if current == UInt8(ascii: "}") {
                        position += 1
                    } else {
                        diagnostics.append(
                            Diagnostic(.error, "missing '}' after ${", at: SourceRange(braceStart, position)))
                    }
                    parts.append(.variable(reference))
                } else {
                    position += 1
                    parts.append(.variable(readVariableBody()))
                }
            default:
                if byte == 0x00 { nulByte() }
                text.append(byte)
                position += 1
            }
        }
        isIncomplete = true
        diagnostics.append(
            Diagnostic(.error, "unterminated string: add the closing \"", at: SourceRange(start, start + 1)))
    }

    /// Reports the NUL byte at the current position (a binary file, not a script).
    mutating func nulByte() {
        diagnostics.append(
            Diagnostic(
                .error, "a NUL byte: this looks like a binary file, not a wps script",
                at: SourceRange(position, position + 1)))
    }

    /// The offset of the `)` closing a `$(` whose contents start at `from`, skipping quotes and nesting.
    func matchingParen(from: Int) -> Int? {
        var depth = 1
        var index = from
        var quote: UInt8?
        while index < end {
            let byte = bytes[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\"), open == UInt8(ascii: "\"") {
                    index += 2
                    continue
                }
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }

    static func startsVariable(_ byte: UInt8) -> Bool {
        isNameByte(byte) || byte == UInt8(ascii: "_")
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    mutating func lexVariable() {
        let start = position
        position += 1
        guard let next = current, Self.startsVariable(next) else {
            diagnostics.append(
                Diagnostic(.error, "expected a variable name after '$'", at: SourceRange(start, position)))
            return
        }
        emit(.variable(readVariableBody()), from: start)
    }

    /// Reads `name.field[0].other` after the `$`. A `.` continues the path only when a name
    /// character follows it, so `"Hi $name."` ends the sentence.
    mutating func readVariableBody() -> VariableReference {
        let nameStart = position
        while let byte = current, Self.isNameByte(byte) { position += 1 }
        var reference = VariableReference(name: String(decoding: bytes[nameStart..<position], as: UTF8.self))
        while let byte = current {
            if byte == UInt8(ascii: "."), let next = peek(), Self.startsVariable(next) {
                position += 1
                let fieldStart = position
                while let b = current, Self.isNameByte(b) || b == UInt8(ascii: "-") { position += 1 }
                reference.path.append(.field(String(decoding: bytes[fieldStart..<position], as: UTF8.self)))
            } else if byte == UInt8(ascii: "["), let digitsEnd = indexDigits(from: position + 1), digitsEnd < end,
                bytes[digitsEnd] == UInt8(ascii: "]")
            {
                let digits = String(decoding: bytes[(position + 1)..<digitsEnd], as: UTF8.self)
                reference.path.append(.index(Int(digits) ?? 0))
                position = digitsEnd + 1
            } else {
                break
            }
        }
        return reference
    }

    /// The end of a run of digits (optionally negative) starting at `from`, if there is one.
    func indexDigits(from: Int) -> Int? {
        var index = from
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index > digitsStart ? index : nil
    }
}
