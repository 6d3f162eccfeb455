/// An RFC 6901 JSON Pointer: `""` is the whole document, `/a/0/b~1c` walks members and array indices
/// (`~1` is `/`, `~0` is `~`).
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    public let tokens: [String]
    public let description: String

    public struct Invalid: Error, Equatable {
        public let pointer: String
    }

    public init(_ text: String) throws {
        description = text
        guard !text.isEmpty else {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw Invalid(pointer: text) }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaped = false
            for character in raw {
                if escaped {
                    switch character {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: throw Invalid(pointer: text)
                    }
                    escaped = false
                } else if character == "~" {
                    escaped = true
                } else {
                    token.append(character)
                }
            }
            if escaped { throw Invalid(pointer: text) }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// The value the pointer names in `document`, or nil when it names nothing.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let items):
                // RFC 6901: decimal digits without leading zeros ("0" itself is fine).
                guard let index = Int(token), token.allSatisfy(\.isASCII), String(index) == token,
                      items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }
}
