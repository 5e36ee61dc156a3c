import Foundation

/// The JSON encoder and decoder every part of wps uses for API bodies.
///
/// Field names are written in the models exactly as the documents spell them, so no key
/// strategy is applied. Output keys are sorted so that dry runs, snapshots and the sandbox's
/// answers are stable.
public enum JSONCoding {
    /// A new encoder with wps's settings (sorted keys, unescaped slashes).
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
            : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A new decoder with wps's settings.
    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Encodes a value to JSON bytes with wps's settings.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) throws -> Data {
        try encoder(pretty: pretty).encode(value)
    }

    /// Decodes JSON bytes into a value.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder().decode(type, from: data)
    }
}
