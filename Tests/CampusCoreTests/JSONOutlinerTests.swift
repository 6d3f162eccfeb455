import Foundation
import Testing
@testable import CampusCore

@Suite("JSON outliner")
struct JSONOutlinerTests {
    /// Outlines `text` fed in chunks of `chunk` bytes.
    static func outline(_ text: String, chunk: Int = .max, key: String = "questions") throws -> JSONOutline {
        var outliner = JSONOutliner(elementsOf: key)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunk)
            try bytes[start..<end].withUnsafeBytes { try outliner.feed($0) }
            start = end
        }
        return try outliner.finish()
    }

    static func parts(_ text: String, _ ranges: [Range<Int>]) throws -> [JSONValue] {
        let bytes = Array(text.utf8)
        return try ranges.map { try JSONValue.parse(String(decoding: bytes[$0], as: UTF8.self)) }
    }

    static let tricky = #"""
     [ {"a": "]}\"{[", "b": [1, {"c": null}]}, "x,y", -12.5e3 ,true,null, [], {},
       {"nested": {"questions": [1, 2]}}, "\\" ]
    """#

    @Test("the elements of a top-level array are where the parser finds them, in every chunking")
    func array() throws {
        let expected = try #require(try JSONValue.parse(Self.tricky).arrayValue)
        for chunk in [1, 2, 7, 64, Int.max] {
            let outline = try Self.outline(Self.tricky, chunk: chunk)
            #expect(outline.root == .array && outline.members.isEmpty)
            #expect(try Self.parts(Self.tricky, try #require(outline.elements)) == expected)
        }
        #expect(try Self.outline("[]").elements == [])
    }

    @Test("an object's members, and the elements of the member asked about")
    func object() throws {
        let text = #"{"quizzes": [{"_id": "quiz:x"}], "questions" : [ {"id": "q1"} , {"id": "q\"2"} ], "n": 3, "e\u0073c": "x"}"#
        for chunk in [1, 5, Int.max] {
            let outline = try Self.outline(text, chunk: chunk)
            #expect(outline.root == .object)
            #expect(outline.members.map(\.key) == ["quizzes", "questions", "n", "esc"])
            #expect(try Self.parts(text, outline.members.map(\.value)) == [[["_id": "quiz:x"]], [["id": "q1"], ["id": "q\"2"]], 3, "x"])
            #expect(try Self.parts(text, try #require(outline.elements)) == [["id": "q1"], ["id": "q\"2"]])
        }
        #expect(try Self.outline(#"{"questions": "no"}"#).elements == nil)
        #expect(try Self.outline(#"{"other": [1]}"#).elements == nil)
        // A repeated key replaces the earlier value, as the parser reads it.
        #expect(try Self.outline(#"{"questions": [1], "questions": 2}"#).elements == nil)
    }

    @Test("text that is not one JSON array or object is refused", arguments: [
        "", "   ", "1", #""x""#, "[", "[1 2]", "[1,]", "[,1]", #"{"a" 1}"#, #"{"a":1,}"#, #"{"a":}"#, "{1: 2}",
        "[1]x", "[1] [2]", "[{]", "[}", "]", #"{"a": "b}"#, #"{"questions": [1 2]}"#, #"{"questions": [1,]}"#,
    ])
    func refused(text: String) {
        for chunk in [1, Int.max] {
            #expect(throws: JSONOutliner.SyntaxError.self) { try Self.outline(text, chunk: chunk) }
        }
    }
}
