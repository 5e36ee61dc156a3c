import Foundation
import OutreachAPI

/// Decodes request bodies and, when one does not decode, says why in one message per body —
/// the one mapping of decoding errors every sandbox endpoint uses (each endpoint wraps the
/// message in its own documented error shape).
///
/// ```
/// {"mailboxes":[null]}                → mailboxes[0]: must be an object, got null
/// {"settings":[]}                     → settings: must be an object, got an array
/// {"mailboxes":[{"smtp_port":587.5}]} → mailboxes[0].smtp_port: must be an integer, got 587.5
/// []                                  → the request body must be a JSON object, got an array
/// {"mailboxes": [                     → the request body is not valid JSON
/// ```
enum RequestBodyDecoding {
    /// `T` decoded from `data`, or the message saying why it is not one.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> Result<T, Problem> {
        do {
            return .success(try JSONCoding.decode(T.self, from: data))
        } catch {
            return .failure(Problem(message: explain(type, data, error)))
        }
    }

    /// Why `data` is not a `T`, given the error `JSONDecoder` threw.
    ///
    /// `JSONDecoder` does not say where a number that does not fit the field's type is (it
    /// reports "not valid JSON" at the root), so the body is parsed into a ``JSONTree`` and
    /// decoded again from it, which locates the problem; the tree also supplies the value
    /// found there.
    static func explain<T: Decodable>(_ type: T.Type, _ data: Data, _ error: any Error) -> String {
        guard let tree = try? JSONCoding.decode(JSONTree.self, from: data) else {
            return "the request body is not valid JSON"
        }
        do {
            _ = try T(from: JSONTreeDecoder(tree))
        } catch let located as DecodingError {
            return describe(located, in: tree)
        } catch {
            return "the request body does not match the documented schema"
        }
        return (error as? DecodingError).map { describe($0, in: tree) }
            ?? "the request body does not match the documented schema"
    }

    /// The message for one decoding error; `tree` is the body, to say what was found.
    static func describe(_ error: DecodingError, in tree: JSONTree) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return name(context.codingPath + [key]) + ": must be provided"
        case .typeMismatch(let type, let context):
            return expected(type, context.codingPath, found: tree.value(at: context.codingPath))
        case .valueNotFound(let type, let context):
            guard let found = tree.value(at: context.codingPath) else {
                return name(context.codingPath) + ": must be provided"
            }
            return expected(type, context.codingPath, found: found)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the request body does not match the documented schema" }
            // A number at the path that the field's type cannot hold (JSONDecoder elsewhere).
            if let found = tree.value(at: context.codingPath), case .number = found {
                return expected(Int.self, context.codingPath, found: found)
            }
            return name(context.codingPath) + ": " + context.debugDescription
        @unknown default:
            return "the request body does not match the documented schema"
        }
    }

    /// `PATH: must be KIND, got FOUND`, or for the whole body `the request body must be …`.
    static func expected(_ type: Any.Type, _ path: [any CodingKey], found: JSONTree?) -> String {
        let got = found.map { ", got " + $0.found } ?? ""
        guard !path.isEmpty else { return "the request body must be \(kind(type, whole: true))" + got }
        return name(path) + ": must be " + kind(type) + got
    }

    /// A field path as the validation rules write it: `mailboxes[0].smtp_port`, `[1].smtpPort`.
    static func name(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            .trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }

    /// What a value of `type` is called in messages; `whole` names the whole body's kind.
    static func kind(_ type: Any.Type, whole: Bool = false) -> String {
        switch type {
        case is any JSONObjectKind.Type: whole ? "a JSON object" : "an object"
        case is any JSONArrayKind.Type: whole ? "a JSON array" : "an array"
        case is Bool.Type: "a boolean"
        case is String.Type: "a string"
        case is any BinaryInteger.Type: "an integer"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: "a number"
        default: "a value"
        }
    }

    /// A body that did not decode: the message, for the endpoint's error shape.
    struct Problem: Error, Sendable {
        let message: String
    }
}

/// The types that decode from a JSON object (`JSONDecoder` names `Dictionary<String, Any>`).
private protocol JSONObjectKind {}
extension Dictionary: JSONObjectKind {}

/// The types that decode from a JSON array (`JSONDecoder` names `Array<Any>`).
private protocol JSONArrayKind {}
extension Array: JSONArrayKind {}
