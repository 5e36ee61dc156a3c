/// One resource record of an answer, with its data decoded for the types the checks read.
public struct DNSRecord: Sendable, Hashable {
    /// A record's data.
    public enum Data: Sendable, Hashable {
        /// `10 mx1.example.com`: a mail exchanger and its preference (lower is tried first).
        case mx(preference: Int, exchange: String)
        /// The character-strings of a TXT record joined without separators, as SPF, DMARC and
        /// DKIM read a record split into several strings.
        case txt(String)
        /// The name a CNAME points to.
        case cname(String)
        /// An IPv4 or IPv6 address, as text.
        case address(String)
    }

    /// The record's owner name.
    public let name: String
    public let data: Data

    public init(name: String, data: Data) {
        self.name = name
        self.data = data
    }
}

/// The record types wps asks for.
public enum DNSRecordType: Int32, Sendable, CustomStringConvertible {
    case a = 1
    case cname = 5
    case mx = 15
    case txt = 16
    case aaaa = 28

    public var description: String {
        switch self {
        case .a: "A"
        case .cname: "CNAME"
        case .mx: "MX"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        }
    }
}

/// What a query learnt: the records of the type asked for, or that there are none.
public enum DNSAnswer: Sendable, Equatable {
    /// The records of the type asked for (for a name that is an alias, those of its target, with
    /// the CNAME records in front).
    case records([DNSRecord])
    /// The name exists but has no record of the type (NOERROR, empty answer).
    case noRecords
    /// The name does not exist (NXDOMAIN).
    case noSuchName

    /// The records, none for the other cases.
    public var records: [DNSRecord] {
        if case .records(let records) = self { return records }
        return []
    }

    /// The addresses among the records (an alias's CNAME records left out).
    public var addresses: [String] {
        records.compactMap { record in
            if case .address(let address) = record.data { return address }
            return nil
        }
    }

    /// The names the CNAME records point to, in the order of the chain.
    public var aliasTargets: [String] {
        records.compactMap { record in
            if case .cname(let target) = record.data { return target }
            return nil
        }
    }
}
