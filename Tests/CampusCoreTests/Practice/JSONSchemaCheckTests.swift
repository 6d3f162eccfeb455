import Testing
@testable import CampusCore

@Suite("JSON Schema checks for exercises")
struct JSONSchemaCheckTests {
    private static let schema = try! JSONValue.parse(#"""
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "object", "required": ["id", "status", "items"], "additionalProperties": false,
         "properties": {
           "id": {"type": "integer", "minimum": 1},
           "status": {"enum": ["new", "paid", "shipped"]},
           "email": {"type": "string", "pattern": "^[^@]+@[^@]+$", "maxLength": 50},
           "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/item"}, "uniqueItems": true},
           "total": {"type": "number", "exclusiveMinimum": 0, "multipleOf": 0.01}
         },
         "if": {"properties": {"status": {"const": "shipped"}}},
         "then": {"required": ["tracking"], "properties": {"tracking": {"type": "string"}}},
         "$defs": {"item": {"type": "object", "required": ["sku", "qty"],
                            "properties": {"sku": {"type": "string", "minLength": 3}, "qty": {"type": "integer", "minimum": 1}}}}}
        """#)

    private func failures(_ text: String) throws -> [String] {
        JSONSchemaCheck(schema: Self.schema).validate(try JSONValue.parse(text)).map { $0.keywordPath }
    }

    @Test("a document that fits has no failures")
    func valid() throws {
        #expect(try failures(#"{"id": 7, "status": "paid", "items": [{"sku": "A-1", "qty": 2}], "total": 19.99}"#).isEmpty)
        #expect(try failures(#"{"id": 7.0, "status": "new", "items": [{"sku": "A-1", "qty": 1}]}"#).isEmpty, "7.0 is an integer")
    }

    @Test("each broken rule is named by its keyword's place in the schema")
    func invalid() throws {
        #expect(try failures(#"{"status": "paid", "items": [{"sku": "A-1", "qty": 2}]}"#) == ["/required"])
        #expect(try failures(#"{"id": 0, "status": "lost", "items": []}"#).sorted()
                == ["/properties/id/minimum", "/properties/items/minItems", "/properties/status/enum"])
        #expect(try failures(#"{"id": 1, "status": "paid", "items": [{"sku": "A", "qty": 0}]}"#).sorted()
                == ["/properties/items/items/$ref/properties/qty/minimum", "/properties/items/items/$ref/properties/sku/minLength"])
        #expect(try failures(#"{"id": 1, "status": "paid", "items": [{"sku": "A-1", "qty": 1}], "extra": true}"#) == ["/additionalProperties"])
        #expect(try failures(#"{"id": 1, "status": "shipped", "items": [{"sku": "A-1", "qty": 1}]}"#) == ["/then/required"])
        #expect(try failures(#"{"id": 1, "status": "paid", "items": [{"sku": "A-1", "qty": 1}, {"sku": "A-1", "qty": 1.0}]}"#)
                == ["/properties/items/uniqueItems"])
        #expect(try failures(#"{"id": 1, "status": "paid", "items": [{"sku": "A-1", "qty": 1}], "total": 10.005}"#)
                == ["/properties/total/multipleOf"])
        #expect(try failures(#"{"id": 1, "status": "paid", "items": [{"sku": "A-1", "qty": 1}], "email": "no-at-sign"}"#)
                == ["/properties/email/pattern"])
    }

    @Test("the combinators: anyOf, oneOf, not, and boolean schemas")
    func combinators() throws {
        let schema = try JSONValue.parse(#"{"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}], "not": {"const": 42}}"#)
        let check = JSONSchemaCheck(schema: schema)
        #expect(check.isValid(.int(3)))
        #expect(check.isValid(.double(10.5)))
        #expect(!check.isValid(.int(12)), "both branches match")
        #expect(!check.isValid(.int(42)))
        #expect(!check.isValid(.string("x")))
        #expect(JSONSchemaCheck(schema: .bool(true)).isValid(.null))
        #expect(!JSONSchemaCheck(schema: .bool(false)).isValid(.null))
    }

    @Test("a schema that refers to itself ends with a failure instead of looping")
    func recursion() throws {
        let check = JSONSchemaCheck(schema: try JSONValue.parse(##"{"$ref": "#"}"##))
        #expect(!check.validate(.int(1)).isEmpty)
        let tree = JSONSchemaCheck(schema: try JSONValue.parse(##"{"type": "object", "properties": {"child": {"$ref": "#"}}}"##))
        #expect(tree.isValid(try JSONValue.parse(#"{"child": {"child": {}}}"#)))
    }

    @Test("keywords it does not evaluate are listed, so saving such an exercise can refuse it")
    func unsupported() throws {
        let schema = try JSONValue.parse(#"{"properties": {"a": {"unevaluatedProperties": false}, "b": {"$ref": "https://example.com/s"}}}"#)
        #expect(JSONSchemaCheck.unsupportedKeywords(in: schema) == ["/properties/a/unevaluatedProperties", "/properties/b/$ref"])
        #expect(JSONSchemaCheck.unsupportedKeywords(in: Self.schema).isEmpty)
    }
}
