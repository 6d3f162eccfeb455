import Foundation

/// UUIDs to and from their 36-character text, by table rather than through Foundation.
///
/// Foundation on Linux reads a UUID with `sscanf` and writes one with `snprintf`. A signed-in read parses the
/// token's two ids and, on SQLite (which stores UUIDs as text), every id column of every row it reads, and binds
/// its ids as text: together a few percent of a lesson read (issue 18). The text written is exactly Foundation's,
/// and every well-formed text Foundation reads reads the same, so stored data and tokens are unchanged. Stricter
/// in one way: what `sscanf` lets through (a leading `+` or space in a group, anything after a NUL) is refused.
extension UUID {
    /// `8-4-4-4-12` hexadecimal digits, either case; nil for anything else.
    public init?(text: some StringProtocol) {
        guard let bytes = text.utf8.withContiguousStorageIfAvailable(UUID.parse) ?? Array(text.utf8).withUnsafeBufferPointer(UUID.parse)
        else { return nil }
        self.init(uuid: bytes)
    }

    /// Upper case, byte for byte what `uuidString` writes (and what SQLite rows hold).
    public var uppercaseText: String { text(digits: UUID.upperDigits) }

    /// Lower case, as RFC 9562 asks for output.
    public var lowercaseText: String { text(digits: UUID.lowerDigits) }

    private static let upperDigits = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits = Array("0123456789abcdef".utf8)

    private func text(digits: [UInt8]) -> String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { output in
                var written = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[written] = UInt8(ascii: "-")
                        written += 1
                    }
                    output[written] = digits[Int(byte >> 4)]
                    output[written + 1] = digits[Int(byte & 0x0F)]
                    written += 2
                }
                return written
            }
        }
    }

    private static func parse(_ text: UnsafeBufferPointer<UInt8>) -> uuid_t? {
        guard text.count == 36 else { return nil }
        var result: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let complete = withUnsafeMutableBytes(of: &result) { bytes in
            var position = 0
            for index in 0..<16 {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    guard text[position] == UInt8(ascii: "-") else { return false }
                    position += 1
                }
                guard let high = HexText.digitValue(text[position]), let low = HexText.digitValue(text[position + 1]) else { return false }
                bytes[index] = high << 4 | low
                position += 2
            }
            return true
        }
        return complete ? result : nil
    }
}
