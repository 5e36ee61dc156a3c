import Foundation
import OutreachAPI
import WPSLanguage

/// The Saleshandy side of `batch summary|watch` (`--provider saleshandy`, or a Saleshandy profile).
enum SaleshandyCommands {
    /// A connect request's status as a record, led by its request id.
    static func status(_ id: String, _ status: SaleshandyConnectStatus) throws -> Value {
        guard case .record(let payload) = try ValueEncoder().encode(status.payload) else { return .null }
        var record: Record = ["request_id": .string(id)]
        for (key, value) in payload where key != "requestId" { record[key] = value }
        return .record(record)
    }
}
