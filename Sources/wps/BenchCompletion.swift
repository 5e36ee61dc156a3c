import Foundation
import WPSLanguage
import WPSRuntime

/// `wps __bench-completion N` (for `scripts/bench`): the median time of a tab completion with N
/// campaign, step and batch ids cached, against the same completion with an empty cache.
enum BenchCompletion {
    static func run(ids count: Int) {
        let ids: [ValueKind: [String]] = [
            .campaignID: (0..<count).map { String(700_000 + $0) },
            .stepID: (0..<count).map { _ in UUID().uuidString.lowercased() },
            .batchID: (0..<count).map { String(1000 + $0) },
        ]
        let lines = [
            "campaign get 7000", "step delete 4", "campaign new x --timezone Europe/B", "echo $c.steps.fo",
            "campaign new x --da",
        ]
        let variables: [String: Value] = ["c": .record(["steps": .record(["followup": .record(["id": .string("x")])])])]
        func median(_ completer: Completer) -> Double {
            var times: [Double] = []
            for _ in 0..<200 {
                for line in lines {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = completer.complete(line)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
            }
            return times.sorted()[times.count / 2]
        }
        let empty = median(Completer(variables: variables))
        let full = median(Completer(variables: variables, ids: ids))
        print(String(format: "completion_ms_with_%d_ids=%.4f completion_ms_empty=%.4f", count, full, empty))
    }
}
