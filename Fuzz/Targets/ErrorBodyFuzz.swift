import Foundation
import OutreachAPI

/// libFuzzer entry point for the JSON error decoder: whatever an API answers with an error
/// status, ``APIError/decode(status:body:endpoint:retryAfter:)`` gives an error that describes
/// itself, and the documented body shapes decode or fail cleanly. The first byte picks the status.
@_cdecl("LLVMFuzzerTestOneInput")
public func errorBodyFuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let status = 400 + Int(bytes[0]) % 200
    let body = Data(bytes: bytes + 1, count: count - 1)
    let error = APIError.decode(status: status, body: body, endpoint: "POST campaigns", retryAfter: nil)
    guard error.status == status, error.description.hasPrefix("POST campaigns: HTTP \(status)") else {
        fatalError("the error lost its status or endpoint: \(error.description)")
    }
    let decoder = JSONDecoder()
    _ = try? decoder.decode(ErrorBody.CodeDetails.self, from: body)
    _ = try? decoder.decode(ErrorBody.TypeMessage.self, from: body)
    _ = try? decoder.decode(ErrorBody.Problem.self, from: body)
    _ = try? decoder.decode(ErrorBody.Message.self, from: body)
    return 0
}
