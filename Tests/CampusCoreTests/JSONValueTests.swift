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
