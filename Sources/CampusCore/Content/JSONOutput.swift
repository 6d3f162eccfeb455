/// JSON text written straight into UTF-8 bytes, for `JSONValue` and for the few hot responses that are
/// written by hand. Strings are copied in runs: only quotes, backslashes and control characters are
/// escaped, everything else (including non-ASCII text) is copied as it is.
///
/// Commas are placed by the writer: `separate()` before an array element, `key(_:)` before a member.
public struct JSONOutput: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Whether the next element of the innermost open container is its first (no comma before it).
    private var first = true

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func beginObject() { bytes.append(UInt8(ascii: "{")); first = true }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); first = false }
    public mutating func beginArray() { bytes.append(UInt8(ascii: "[")); first = true }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); first = false }

    /// Before each element of an array.
    public mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
    }

    /// Before each member of an object: the comma if needed, the key and the colon.
    public mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
        first = true
    }

    public mutating func null() { bytes.append(contentsOf: "null".utf8); first = false }
    public mutating func bool(_ flag: Bool) { bytes.append(contentsOf: (flag ? "true" : "false").utf8); first = false }
    public mutating func int<Number: BinaryInteger>(_ number: Number) { bytes.append(contentsOf: String(number).utf8); first = false }

    public mutating func double(_ number: Double) throws {
        guard number.isFinite else { throw NonFiniteNumber(value: number) }
        // Swift's shortest round-trip form; it always carries a "." or an exponent for doubles.
        bytes.append(contentsOf: "\(number)".utf8)
        first = false
    }

    /// A `JSONValue`, with its object keys sorted.
    public mutating func value(_ value: JSONValue) throws {
        try JSONText.write(value, into: &self)
    }

    /// JSON already written elsewhere (a cached fragment), inserted as one value.
    public mutating func raw<Bytes: Sequence>(_ json: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: json)
        first = false
    }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
                case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
                case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: #"\u00"#.utf8)
                    bytes.append(hex[Int(byte >> 4)])
                    bytes.append(hex[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            bytes.append(UInt8(ascii: "\""))
        }
        first = false
    }

    public struct NonFiniteNumber: Error, Sendable {
        public let value: Double
    }
}
