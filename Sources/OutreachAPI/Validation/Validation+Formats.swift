extension Validation {
    /// Whether a string is empty or only whitespace.
    public static func isBlank(_ text: String) -> Bool {
        // A first byte that is ASCII and not a space settles it without reading characters.
        if let first = text.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// A practical email check: one `@`, a local part without spaces or control characters,
    /// and a valid domain.
    public static func isValidEmail(_ text: String) -> Bool {
        if let ascii = isValidASCIIEmail(text) { return ascii }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        guard !local.isEmpty, local.count <= 64, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return false }
        let allowed = Set("!#$%&'*+-/=?^_`{|}~.")
        guard
            local.unicodeScalars.allSatisfy({
                $0.properties.isAlphabetic || ("0"..."9").contains($0) || allowed.contains(Character($0))
            })
        else { return false }
        return isValidDomain(String(domain))
    }

    /// The same check over bytes when the text is ASCII (the common case, and a hot path of
    /// bulk imports); nil when it is not ASCII.
    static func isValidASCIIEmail(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            var at = -1
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: "@"), at < 0 { at = offset }
            }
            guard at >= 0 else { return false }
            let local = UnsafeBufferPointer(rebasing: bytes[..<at])
            let domain = UnsafeBufferPointer(rebasing: bytes[(at + 1)...])
            guard !domain.contains(UInt8(ascii: "@")), !local.isEmpty, local.count <= 64 else { return false }
            var previous: UInt8 = 0
            for byte in local {
                if byte == UInt8(ascii: "."), previous == UInt8(ascii: ".") || previous == 0 { return false }
                guard isASCIILetterOrDigit(byte) || isAllowedInLocalPart(byte) else { return false }
                previous = byte
            }
            guard previous != UInt8(ascii: ".") else { return false }
            return isValidASCIIDomain(domain)
        }
    }

    /// The punctuation a local part may hold besides letters and digits: ``!#$%&'*+-/=?^_`{|}~.``
    @inline(__always)
    static func isAllowedInLocalPart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// ``isValidDomain(_:)`` over ASCII bytes, without making a string.
    static func isValidASCIIDomain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labels = 0
        var labelStart = 0
        var index = 0
        while true {
            let end = index == bytes.count || bytes[index] == UInt8(ascii: ".")
            if end {
                let length = index - labelStart
                guard (1...63).contains(length), bytes[labelStart] != UInt8(ascii: "-"),
                    bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                if index == bytes.count {
                    // The last label: alphabetic, two letters or more.
                    guard labels >= 2, length >= 2 else { return false }
                    for offset in labelStart..<index where !isASCIILetter(bytes[offset]) { return false }
                    return true
                }
                labelStart = index + 1
            } else if !(isASCIILetterOrDigit(bytes[index]) || bytes[index] == UInt8(ascii: "-")) {
                return false
            }
            index += 1
        }
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }
    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// A DNS domain with at least two labels: `track.example.com`.
    ///
    /// Labels are 1–63 characters of letters, digits and `-`, not starting or ending with `-`;
    /// the last label is alphabetic with at least two letters; at most 253 characters in all.
    public static func isValidDomain(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 253 else { return false }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let labels = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard labels.count >= 2, let tld = labels.last else { return false }
            for label in labels {
                guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                    label.allSatisfy({ isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") })
                else { return false }
            }
            return tld.count >= 2 && tld.allSatisfy(isASCIILetter)
        }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last else { return false }
        for label in labels {
            guard (1...63).contains(label.utf8.count), !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return false
            }
            guard
                label.unicodeScalars.allSatisfy({
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                })
            else { return false }
        }
        return tld.count >= 2 && tld.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }

    /// Whether a string is an IANA time zone id the API accepts, e.g. `Europe/Berlin`.
    public static func isKnownTimeZone(_ text: String) -> Bool { timeZoneIdentifiers.contains(text) }

    /// Minutes since midnight for an `HH:mm` time (`00:00`…`23:59`, and `24:00` when `allow24`).
    public static func minutes(ofTime text: String, allow24: Bool = false) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":") else { return nil }
        func digit(_ byte: UInt8) -> Int? { (48...57).contains(byte) ? Int(byte - 48) : nil }
        guard let h1 = digit(bytes[0]), let h2 = digit(bytes[1]), let m1 = digit(bytes[3]), let m2 = digit(bytes[4])
        else { return nil }
        let hours = h1 * 10 + h2
        let minutes = m1 * 10 + m2
        if hours == 24, minutes == 0, allow24 { return 24 * 60 }
        guard hours < 24, minutes < 60 else { return nil }
        return hours * 60 + minutes
    }

    /// Whether a string is a UUID in its textual form (as step ids are).
    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...102).contains(byte) || (65...70).contains(byte)
    }
}
