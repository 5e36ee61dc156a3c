import OutreachAPI

/// A Saleshandy connect request, processed like a batch.
struct ConnectRecord: Codable, Sendable {
    var requestID: String
    var submittedAt: Double
    var duration: Double
    var results: [SaleshandyConnectStatus.AccountResult]
    var settled = 0

    func resolvedCount(at now: Double) -> Int {
        guard duration > 0 else { return results.count }
        var count = 0
        while count < results.count, submittedAt + duration * Double(count + 1) / Double(results.count) <= now {
            count += 1
        }
        return count
    }
}
