import Foundation

/// Reads and writes JSON text for `JSONValue` directly.
///
/// Foundation's JSONSerialization builds Objective-C style containers that cost more to convert than
/// to parse (most of a quiz read went there), and JSONEncoder writes the double 1.0 as `1`, which
/// reads back as an integer. This keeps both fast and exact.
enum JSONText {
    struct SyntaxError: Error, Equatable {
        let offset: Int
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw SyntaxError(offset: parser.index) }
        return value
    }

    static func write(_ value: JSONValue, into output: inout JSONOutput) throws {
        switch value {
        case .null: output.null()
        case .bool(let flag): output.bool(flag)
        case .int(let number): output.int(number)
        case .double(let number): try output.double(number)
        case .string(let text): output.string(text)
        case .array(let items):
            output.beginArray()
            for item in items {
                output.separate()
                try write(item, into: &output)
            }
            output.endArray()
        case .object(let members):
            output.beginObject()
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                output.key(key)
                try write(member, into: &output)
            }
            output.endObject()
        }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        static let maxDepth = 512

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ literal: StaticString) throws {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { throw SyntaxError(offset: index) }
            for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] {
                throw SyntaxError(offset: index + offset)
            }
            index += count
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < Self.maxDepth, index < bytes.count else { throw SyntaxError(offset: index) }
            switch bytes[index] {
            case UInt8(ascii: "{"): return try object(depth: depth)
            case UInt8(ascii: "["): return try array(depth: depth)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return try number()
            }
        }

        mutating func object(depth: Int) throws -> JSONValue {
            index += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw SyntaxError(offset: index) }
                let key = try string()
                skipSpace()
                try expect(":")
                skipSpace()
                members[key] = try value(depth: depth + 1)
                skipSpace()
                guard index < bytes.count else { throw SyntaxError(offset: index) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                throw SyntaxError(offset: index)
            }
        }

        mutating func array(depth: Int) throws -> JSONValue {
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard index < bytes.count else { throw SyntaxError(offset: index) }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                throw SyntaxError(offset: index)
            }
        }

        mutating func string() throws -> String {
            index += 1
            let start = index
            // Fast path: no escapes, so the bytes are the string.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { throw SyntaxError(offset: index) }
                index += 1
            }
            guard index < bytes.count else { throw SyntaxError(offset: index) }
            if bytes[index] == UInt8(ascii: "\"") {
                defer { index += 1 }
                return try decodeUTF8(start..<index)
            }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: try decodeUTF8(start..<index).unicodeScalars)
            while true {
                guard index < bytes.count else { throw SyntaxError(offset: index) }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(scalars)
                }
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { throw SyntaxError(offset: index) }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800...0xDBFF).contains(code) {
                            try expect("\\u")
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw SyntaxError(offset: index) }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { throw SyntaxError(offset: index) }
                        scalars.append(scalar)
                    default: throw SyntaxError(offset: index - 1)
                    }
                    continue
                }
                let runStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                    guard bytes[index] >= 0x20 else { throw SyntaxError(offset: index) }
                    index += 1
                }
                scalars.append(contentsOf: try decodeUTF8(runStart..<index).unicodeScalars)
            }
        }

        func decodeUTF8(_ range: Range<Int>) throws -> String {
            // `String(validating:as:)` is generic and not inlinable: every call looked up the generic metadata of its
            // arguments, a tenth of parsing a stored document. `_tryFromUTF8` is the same validation, concrete.
            guard let text = String._tryFromUTF8(UnsafeBufferPointer(rebasing: bytes[range])) else {
                throw SyntaxError(offset: range.lowerBound)
            }
            return text
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count else { throw SyntaxError(offset: index) }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw SyntaxError(offset: index)
                }
                code = code << 4 | digit
                index += 1
            }
            return code
        }

        mutating func number() throws -> JSONValue {
            let start = index
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    index += 1
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                            || ((byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && !isInteger) {
                    isInteger = false
                    index += 1
                } else {
                    break
                }
            }
            guard index > digitsStart else { throw SyntaxError(offset: start) }
            let text = try decodeUTF8(start..<index)
            if isInteger, let integer = Int64(text) { return .int(integer) }
            guard let double = Double(text), double.isFinite else { throw SyntaxError(offset: start) }
            return .double(double)
        }
    }
}
