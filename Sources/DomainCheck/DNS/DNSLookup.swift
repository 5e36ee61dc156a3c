/// What the checks ask of DNS: a name's records of one type.
///
/// ``DNSResolver`` asks name servers through glibc's libresolv; a test of the checks' rules
/// alone may answer from a table.
public protocol DNSLookup: Sendable {
    /// The records of `type` at `name`, that there are none, or that the name does not exist;
    /// throws ``DNSError`` when no server gave an answer.
    func lookup(_ name: String, _ type: DNSRecordType) async throws -> DNSAnswer
}
