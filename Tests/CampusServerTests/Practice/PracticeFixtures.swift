import CampusCore
import Foundation
@testable import CampusCatalog
@testable import CampusServer

/// Exercises written for tests, one of each kind, in the fixture course's second lesson.
enum PracticeFixtures {
    static let sqlID = "practice:fixture-sql"
    static let jsonID = "practice:fixture-json"
    static let apiID = "practice:fixture-api"

    static let reference = "SELECT c.name AS name, COUNT(*) AS orders FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id HAVING COUNT(*) >= 2"

    static func sql(id: String = sqlID, lessonID: String? = "lesson:fixture-2", required: Bool = false, maxAttempts: Int = 0,
                    reference: String = reference, hidden: String? = nil, timeMS: Int = 500) -> JSONObject {
        var document: JSONObject = [
            "_id": .string(id), "kind": "sql",
            "title": ["en": "Repeat customers", "ru": "Постоянные клиенты"],
            "statement_mdx": ["en": "Names with at least two orders.", "ru": "Имена клиентов с двумя заказами и больше."],
            "points": 20, "max_attempts": .int(Int64(maxAttempts)), "required": .bool(required),
            "editor": ["language": "sql", "starter": "SELECT"],
            "sql": [
                "schema": "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER);",
                "datasets": [
                    "visible": "INSERT INTO customers VALUES (1, 'Ann'), (2, 'Boris'); INSERT INTO orders VALUES (1, 1), (2, 1), (3, 2);",
                    "hidden": .string(hidden ?? "INSERT INTO customers VALUES (5, 'Secret Sveta'), (6, 'Hidden Hugo'); INSERT INTO orders VALUES (9, 5), (10, 5), (11, 6), (12, 6), (13, 6);"),
                ],
                "reference": .string(reference),
                "limits": ["time_ms": .int(Int64(timeMS)), "rows": 100],
            ],
        ]
        if let lessonID { document["lesson_id"] = .string(lessonID) }
        return document
    }

    static func json(id: String = jsonID) -> JSONObject {
        [
            "_id": .string(id), "kind": "json", "title": "Order payload", "statement_mdx": "Write the order.",
            "lesson_id": "lesson:fixture-2",
            "json": [
                "rules": [
                    ["pointer": "/order/id", "type": "string", "message": ["en": "order.id is a string", "ru": "order.id — строка"]],
                    ["pointer": "/order/items", "length": ["min": 1], "message": "at least one item"],
                ],
                "schema": ["type": "object", "required": ["order"], "properties": ["order": ["type": "object", "additionalProperties": false,
                           "properties": ["id": ["type": "string"], "items": ["type": "array"]]]]],
                "sample_solution": ["order": ["id": "A-1", "items": [["sku": "X"]]]],
            ],
        ]
    }

    static func api(id: String = apiID) -> JSONObject {
        [
            "_id": .string(id), "kind": "api", "title": "Create then read", "statement_mdx": "POST an order, then GET it.",
            "lesson_id": "lesson:fixture-2",
            "api": [
                "base_url": "https://shop.example",
                "routes": [
                    ["name": "create", "method": "POST", "path": "/orders",
                     "expect": ["headers": ["content-type": "application/json", "idempotency-key": .null],
                                "rules": [["pointer": "/sku", "exists": true, "message": "the order needs a sku"]]],
                     "response": ["status": 201, "headers": ["location": "/orders/42"], "body": ["id": 42]],
                     "rejection": ["status": 422, "body": ["title": "Invalid order"]]],
                    ["name": "read", "method": "GET", "path": "/orders/{id}", "response": ["status": 200, "body": ["id": "{id}"]]],
                ],
                "checks": [
                    ["name": "created", "route": "create", "message": "create the order with POST /orders"],
                    ["name": "read back", "route": "read", "after": "created", "message": "read the order after creating it"],
                ],
                "max_requests": 5,
                "sample_solution": [
                    ["method": "POST", "path": "/orders", "headers": ["Content-Type": "application/json", "Idempotency-Key": "k"], "body": ["sku": "X"]],
                    ["method": "GET", "path": "/orders/42"],
                ],
            ],
        ]
    }

    /// The fixture course (published) with the three exercises, imported through the practice check.
    static func load(into campus: TestCampus, practices: [JSONObject] = [sql(), json(), api()]) async throws {
        try await LearningFixtures.load(into: campus)
        try await save(practices, into: campus)
    }

    /// Imports exercises into a campus that already has the fixture course.
    static func save(_ practices: [JSONObject], into campus: TestCampus) async throws {
        var importer = ContentImporter(store: campus.app.campus.content, practiceValidator: campus.app.catalog.practiceValidator)
        importer.progress = nil
        var bundle = ContentBundle()
        bundle.practices = practices.enumerated().map { .init(path: "practices[\($0.offset)]", document: $0.element) }
        _ = try await importer.run(bundle)
    }
}
