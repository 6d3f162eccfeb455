/// Finds a `JSONOutline` in one pass over chunks of JSON text, without building any value.
///
/// It follows strings, escapes and brackets at every depth, and the grammar (keys, colons, commas) of the
/// containers it outlines: the top-level one and the array member it was asked about. What lies inside an
/// outlined part is left to `JSONValue.parse` when that part is read, so every byte of a file is checked
/// by one of the two.
public struct JSONOutliner: Sendable {
    public struct SyntaxError: Error, Equatable {
        public let offset: Int
    }

    private enum Expecting: Sendable {
        case valueOrEnd, value, separatorOrEnd, keyOrEnd, key, colon
    }

    private enum StringRole: Sendable {
        case inner, key, value
    }

    /// An outlined container: the top-level one, or the array member whose elements are wanted.
    private struct Level: Sendable {
        var depth: Int
        var isObject: Bool
        var expecting: Expecting
        var valueStart: Int?
        var key: [UInt8] = []
    }

    private let elementsKey: String
    private var offset = 0
    private var brackets: [UInt8] = []
    private var levels: [Level] = []
    private var stringRole: StringRole?
    private var escaped = false
    private var scalarOpen = false
    private var keyBytes: [UInt8] = []
    private var root: JSONOutline.Root?
    private var rootClosed = false
    private var elements: [Range<Int>]?
    private var members: [JSONOutline.Member] = []

    /// `elementsKey`: the member of a top-level object whose array elements are outlined one by one.
    public init(elementsOf elementsKey: String) {
        self.elementsKey = elementsKey
    }

    /// Takes the next bytes of the text; offsets continue from the previous call.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws {
        for byte in bytes {
            try step(byte)
            offset += 1
        }
    }

    public mutating func finish() throws -> JSONOutline {
        if scalarOpen { try endScalar() }
        guard let root, rootClosed, stringRole == nil else { throw SyntaxError(offset: offset) }
        return JSONOutline(root: root, elements: elements, members: members)
    }

    private mutating func step(_ byte: UInt8) throws {
        if let role = stringRole {
            let closes = !escaped && byte == UInt8(ascii: "\"")
            if role == .key && !closes { keyBytes.append(byte) }
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if closes {
                stringRole = nil
                if role == .key {
                    levels[levels.count - 1].key = keyBytes
                    levels[levels.count - 1].expecting = .colon
                } else if role == .value {
                    endValue(at: offset + 1)
                }
            }
            return
        }
        if scalarOpen {
            guard Self.endsScalar(byte) else { return }
            try endScalar()
        }
        if Self.isSpace(byte) { return }
        guard !rootClosed else { throw SyntaxError(offset: offset) }
        guard let level = levels.last, level.depth == brackets.count else {
            try stepInside(byte)
            return
        }
        try stepOutlined(byte, level)
    }

    /// A byte inside a part (or before the top-level container): only strings and brackets matter here.
    private mutating func stepInside(_ byte: UInt8) throws {
        switch byte {
        case UInt8(ascii: "\""):
            stringRole = .inner
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            brackets.append(byte)
            if brackets.count == 1 {
                root = byte == UInt8(ascii: "{") ? .object : .array
                if root == .array { elements = [] }
                levels = [Level(depth: 1, isObject: root == .object, expecting: root == .object ? .keyOrEnd : .valueOrEnd)]
            }
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            try close(byte)
            if let level = levels.last, level.depth == brackets.count, level.valueStart != nil { endValue(at: offset + 1) }
        default:
            // Before the top-level container only `{` or `[` may come; deeper, scalars are the parser's to check.
            if brackets.isEmpty { throw SyntaxError(offset: offset) }
        }
    }

    /// A byte of an outlined container's own grammar.
    private mutating func stepOutlined(_ byte: UInt8, _ level: Level) throws {
        let current = levels.count - 1
        switch byte {
        case UInt8(ascii: "\""):
            if level.isObject, level.expecting == .keyOrEnd || level.expecting == .key {
                keyBytes = []
                stringRole = .key
            } else {
                try beginValue(byte, level)
                stringRole = .value
            }
        case UInt8(ascii: ":"):
            guard level.expecting == .colon else { throw SyntaxError(offset: offset) }
            levels[current].expecting = .value
        case UInt8(ascii: ","):
            guard level.expecting == .separatorOrEnd else { throw SyntaxError(offset: offset) }
            levels[current].expecting = level.isObject ? .key : .value
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let outlinesElements = try beginValue(byte, level)
            brackets.append(byte)
            if outlinesElements {
                levels.append(Level(depth: brackets.count, isObject: false, expecting: .valueOrEnd))
            }
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            guard level.expecting == .separatorOrEnd || level.expecting == .valueOrEnd || level.expecting == .keyOrEnd else {
                throw SyntaxError(offset: offset)
            }
            try close(byte)
            levels.removeLast()
            if levels.isEmpty {
                rootClosed = true
            } else {
                endValue(at: offset + 1)
            }
        default:
            try beginValue(byte, level)
            scalarOpen = true
        }
    }

    /// Returns whether the value is the array whose elements are wanted.
    @discardableResult
    private mutating func beginValue(_ first: UInt8, _ level: Level) throws -> Bool {
        guard level.expecting == .value || level.expecting == .valueOrEnd else { throw SyntaxError(offset: offset) }
        levels[levels.count - 1].valueStart = offset
        guard level.isObject, level.depth == 1, keyText(level.key) == elementsKey else { return false }
        // A repeated key replaces the earlier value, as the parser reads it.
        elements = first == UInt8(ascii: "[") ? [] : nil
        return elements != nil
    }

    private mutating func endScalar() throws {
        scalarOpen = false
        endValue(at: offset)
    }

    private mutating func endValue(at end: Int) {
        let current = levels.count - 1
        guard let start = levels[current].valueStart else { return }
        let level = levels[current]
        levels[current].valueStart = nil
        levels[current].expecting = .separatorOrEnd
        if level.isObject {
            members.append(JSONOutline.Member(key: keyText(level.key), value: start..<end))
        } else {
            elements?.append(start..<end)
        }
    }

    private mutating func close(_ byte: UInt8) throws {
        let opening = byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "[")
        guard brackets.last == opening else { throw SyntaxError(offset: offset) }
        brackets.removeLast()
    }

    /// A key as the parser reads it, escapes and all (keys are few and short).
    private func keyText(_ raw: [UInt8]) -> String {
        if !raw.contains(UInt8(ascii: "\\")) { return String(decoding: raw, as: UTF8.self) }
        let quoted = [UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")]
        return (try? JSONValue.parse(String(decoding: quoted, as: UTF8.self)).stringValue) ?? String(decoding: raw, as: UTF8.self)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    }
}
