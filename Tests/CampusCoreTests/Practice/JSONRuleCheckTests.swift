import Testing
@testable import CampusCore

@Suite("JSON exercise rules")
struct JSONRuleCheckTests {
    private let document = try! JSONValue.parse(#"""
        {"order": {"id": 42, "status": "paid", "items": [{"sku": "A-1", "qty": 2}, {"sku": "B/2", "qty": 1.0}],
                   "note": null, "tags": ["urgent", "gift"], "a~b": true}}
        """#)

    private func passes(_ pointer: String, _ check: JSONRule.Check) throws -> Bool {
        let rule = JSONRule(pointer: try JSONPointer(pointer), check: check, message: "m")
        return try #require(JSONRuleCheck.evaluate([rule], on: document).first).passed
    }

    @Test("pointers walk members and indices, with ~0 and ~1 escapes, and name nothing past the document")
    func pointers() throws {
        #expect(try JSONPointer("/order/items/1/sku").resolve(in: document) == .string("B/2"))
        #expect(try JSONPointer("/order/a~0b").resolve(in: document) == .bool(true))
        #expect(try JSONPointer("").resolve(in: document) == document)
        #expect(try JSONPointer("/order/items/01").resolve(in: document) == nil)
        #expect(try JSONPointer("/order/items/2").resolve(in: document) == nil)
        #expect(try JSONPointer("/order/id/x").resolve(in: document) == nil)
        #expect(throws: JSONPointer.Invalid.self) { try JSONPointer("order") }
        #expect(throws: JSONPointer.Invalid.self) { try JSONPointer("/a~2") }
    }

    @Test("each kind of check holds where it should and fails where it should not")
    func checks() throws {
        #expect(try passes("/order/id", .equals(.double(42))))
        #expect(try !passes("/order/id", .equals(.string("42"))))
        #expect(try passes("/order/note", .exists(true)))
        #expect(try passes("/order/missing", .exists(false)))
        #expect(try !passes("/order/missing", .type(.null)))
        #expect(try passes("/order/items/1/qty", .type(.integer)))
        #expect(try passes("/order/note", .type(.null)))
        #expect(try passes("/order/items/0/sku", .regex("[A-Z]-[0-9]+")))
        #expect(try !passes("/order/items/1/sku", .regex("[A-Z]-[0-9]+")), "the whole string must match")
        #expect(try passes("/order/items", .length(min: 1, max: 2)))
        #expect(try !passes("/order/items", .length(min: 3, max: nil)))
        #expect(try passes("/order/status", .length(min: 4, max: 4)))
        #expect(try passes("/order/tags", .contains(.string("gift"))))
        #expect(try passes("/order/status", .contains(.string("ai"))))
        #expect(try !passes("/order/id", .contains(.int(4))))
        #expect(try passes("/order/status", .oneOf([.string("new"), .string("paid")])))
        #expect(try !passes("/order/status", .oneOf([.string("new")])))
    }

    @Test("a bad pattern or an overlong string fails the rule instead of throwing or running away")
    func hostileInput() throws {
        #expect(try !passes("/order/status", .regex("(")))
        let long = JSONValue.object(["text": .string(String(repeating: "a", count: JSONRuleCheck.maximumMatchedLength + 1))])
        let rule = JSONRule(pointer: try JSONPointer("/text"), check: .regex("a*"), message: "m")
        #expect(JSONRuleCheck.evaluate([rule], on: long).first?.passed == false)
    }
}
