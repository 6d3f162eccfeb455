import Foundation
import Testing
@testable import CampusCore

@Suite("JSON values")
struct JSONValueTests {
    @Test("round-trip integers, doubles, unicode and nesting unchanged")
    func roundTrip() throws {
        let text = #"{"a":1,"b":1.5,"c":"Привет 🔌","d":[true,null,{"e":-3}]}"#
        let value = try JSONValue.parse(text)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.5))
        #expect(value["c"]?.stringValue == "Привет 🔌")
        #expect(try JSONValue.parse(try value.jsonText()) == value)
    }
}

@Suite("JSON text")
struct JSONTextTests {
    @Test("keeps doubles that look whole as doubles, and integers as integers")
    func numbers() throws {
        let value = try JSONValue.parse(#"{"w":1.0,"i":1,"n":-12,"e":1e3,"big":9007199254740993,"f":-0.25}"#)
        #expect(value["w"] == .double(1.0))
        #expect(value["i"] == .int(1))
        #expect(value["n"] == .int(-12))
        #expect(value["e"] == .double(1000))
        #expect(value["big"] == .int(9_007_199_254_740_993))
        #expect(try JSONValue.parse(try value.jsonText()) == value)
        #expect(try JSONValue.double(1.0).jsonText() == "1.0")
    }

    @Test("reads escapes and surrogate pairs and writes them back readable")
    func strings() throws {
        let value = try JSONValue.parse(#"["a\"b\\c\/d\n\t", "\u0416\u00e9", "\ud83d\udd0c", "Жё 🔌", "\u0001"]"#)
        #expect(value == .array(["a\"b\\c/d\n\t", "Жé", "🔌", "Жё 🔌", "\u{01}"]))
        let text = try value.jsonText()
        #expect(text.contains("Жё 🔌"))
        #expect(try JSONValue.parse(text) == value)
    }

    @Test("sorts keys, so equal values give equal text")
    func sortedKeys() throws {
        #expect(try JSONValue.parse(#"{"b":1,"a":{"d":2,"c":3}}"#).jsonText() == #"{"a":{"c":3,"d":2},"b":1}"#)
    }

    @Test("writes commas, escapes and empty containers exactly")
    func writtenText() throws {
        let value: JSONValue = .array([.object([:]), .array([]), .object(["k": .array([.int(1), .null, .object(["x": "a\u{01}\"\\b\r"])])]),
                                       .string(""), .bool(false)])
        #expect(try value.jsonText() == #"[{},[],{"k":[1,null,{"x":"a\u0001\"\\b\r"}]},"",false]"#)
        #expect(throws: JSONOutput.NonFiniteNumber.self) { try JSONValue.double(.nan).jsonText() }
    }

    @Test("refuses what is not JSON", arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "01x", "-", "1.2.3",
                                                 "\"\\ud83d\"", "\"\\x\"", "[1] 2", "{\"a\":1,}", "nan"])
    func invalid(text: String) {
        #expect(throws: (any Error).self) { try JSONValue.parse(text) }
    }

    @Test("refuses nesting deep enough to exhaust the stack")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try JSONValue.parse(deep) }
    }
}
