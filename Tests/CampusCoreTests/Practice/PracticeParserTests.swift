import Testing
@testable import CampusCore

@Suite("Parsing practice documents")
struct PracticeParserTests {
    // MARK: - Documents

    static let sqlDocument: JSONObject = [
        "_id": "practice:sql-overdue-orders",
        "kind": "sql",
        "title": ["en": "Overdue orders", "ru": "Просроченные заказы"],
        "statement_mdx": "List the orders that are overdue.",
        "course_id": "course:campus-demo",
        "lesson_id": "lesson:campus-demo-databases",
        "sql": [
            "schema": "CREATE TABLE orders (id INTEGER PRIMARY KEY, paid INTEGER);",
            "datasets": ["visible": "INSERT INTO orders VALUES (1, 0);", "hidden": "INSERT INTO orders VALUES (2, 0);"],
            "reference": "SELECT id FROM orders WHERE paid = 0",
        ],
    ]

    static let jsonDocument: JSONObject = [
        "_id": "practice:json-order",
        "kind": "json",
        "title": "Order document",
        "statement_mdx": ["ru": "Опишите заказ."],
        "json": [
            "rules": [
                ["pointer": "/order/id", "type": "string", "message": ["en": "The id is a string.", "ru": "id — строка."]],
                ["pointer": "/order/items", "length": ["min": 1], "message": "Add at least one item."],
                ["pointer": "/order/status", "one_of": ["new", "paid"], "message": "Use a known status."],
            ],
            "schema": ["type": "object", "required": ["order"]],
            "schema_message": "The document does not fit the schema.",
            "sample_solution": ["order": ["id": "A-1", "items": [["sku": "A"]], "status": "new"]],
        ],
    ]

    static let apiDocument: JSONObject = [
        "_id": "practice:api-orders",
        "kind": "api",
        "title": "Create and read an order",
        "statement_mdx": "Create an order, then read it back.",
        "api": [
            "base_url": "https://shop.example",
            "routes": [
                [
                    "name": "create-order", "method": "post", "path": "/orders",
                    "expect": [
                        "headers": ["Content-Type": "application/json", "Idempotency-Key": .null],
                        "rules": [["pointer": "/items", "length": ["min": 1], "message": "Send at least one item."]],
                    ],
                    "response": ["status": 201, "headers": ["Location": "/orders/1001"], "body": ["id": 1001]],
                    "rejection": ["status": 422, "body": ["title": "Invalid order"]],
                ],
                ["name": "get-order", "method": "GET", "path": "/orders/{id}", "response": ["status": 200, "body": ["id": "{id}"]]],
            ],
            "checks": [
                ["name": "order created", "route": "create-order", "status": 201, "message": ["en": "Create the order.", "ru": "Создайте заказ."]],
                ["name": "order read back", "route": "get-order", "after": "order created", "message": "Read the order back."],
            ],
            "sample_solution": [
                ["method": "POST", "path": "/orders", "headers": ["Content-Type": "application/json", "Idempotency-Key": "k1"],
                 "body": ["items": [["sku": "A", "qty": 1]]]],
                ["method": "GET", "path": "/orders/1001"],
            ],
        ],
    ]

    // MARK: - Helpers

    private static func editing(_ document: JSONObject, _ edit: (inout JSONObject) -> Void) -> JSONObject {
        var copy = document
        edit(&copy)
        return copy
    }

    /// The document with its task object (`sql`, `json` or `api`) edited.
    private static func editingTask(_ document: JSONObject, _ edit: (inout JSONObject) -> Void) -> JSONObject {
        let key = document["kind"]!.stringValue!
        var task = document[key]!.objectValue!
        edit(&task)
        return editing(document) { $0[key] = .object(task) }
    }

    /// The issues a document produces, or [] when it parses.
    private static func issues(_ document: JSONObject, path: String = "practices[0]") -> [ContentIssue] {
        do {
            _ = try PracticeParser.parse(document, path: path)
            return []
        } catch {
            return error.issues
        }
    }

    // MARK: - Valid documents

    @Test("an SQL exercise keeps what the author wrote and fills in the defaults")
    func sqlExercise() throws {
        let exercise = try PracticeParser.parse(Self.sqlDocument, path: "practices[0]")

        #expect(exercise.id == "practice:sql-overdue-orders")
        #expect(exercise.kind == .sql)
        #expect(exercise.title == LocalizedText(en: "Overdue orders", ru: "Просроченные заказы"))
        #expect(exercise.statement == LocalizedText(en: "List the orders that are overdue."))
        #expect(exercise.courseID == "course:campus-demo")
        #expect(exercise.lessonID == "lesson:campus-demo-databases")
        #expect(!exercise.required)
        #expect(exercise.points == 10)
        #expect(exercise.maxAttempts == 0)
        #expect(exercise.editor == PracticeExercise.Editor(language: "sql", starter: ""))
        #expect(exercise.task == .sql(SQLTask(
            dialect: .sqlite,
            schema: "CREATE TABLE orders (id INTEGER PRIMARY KEY, paid INTEGER);",
            visible: "INSERT INTO orders VALUES (1, 0);",
            hidden: "INSERT INTO orders VALUES (2, 0);",
            reference: "SELECT id FROM orders WHERE paid = 0",
            compare: SQLComparison(orderMatters: false, columnNames: true, floatTolerance: 1e-9),
            limits: SQLTask.Limits(timeMilliseconds: 2_000, rows: 1_000))))
    }

    @Test("an SQL exercise's own settings replace the defaults")
    func sqlSettings() throws {
        let document = Self.editingTask(Self.editing(Self.sqlDocument) {
            $0["required"] = true
            $0["points"] = 25
            $0["max_attempts"] = 3
            $0["editor"] = ["language": "pgsql", "starter": "SELECT"]
        }) {
            $0["dialect"] = "postgresql"
            $0["compare"] = ["order_matters": true, "column_names": false, "float_tolerance": 0.01]
            $0["limits"] = ["time_ms": 500, "rows": 50]
        }

        let exercise = try PracticeParser.parse(document, path: "practices[0]")

        #expect(exercise.required)
        #expect(exercise.points == 25)
        #expect(exercise.maxAttempts == 3)
        #expect(exercise.editor == PracticeExercise.Editor(language: "pgsql", starter: "SELECT"))
        guard case .sql(let task) = exercise.task else {
            Issue.record("expected an SQL task, got \(exercise.task)")
            return
        }
        #expect(task.dialect == .postgresql)
        #expect(task.compare == SQLComparison(orderMatters: true, columnNames: false, floatTolerance: 0.01))
        #expect(task.limits == SQLTask.Limits(timeMilliseconds: 500, rows: 50))
    }

    @Test("null points, attempts and editor count as absent")
    func nullsAreAbsent() throws {
        let document = Self.editing(Self.sqlDocument) {
            $0["points"] = .null
            $0["max_attempts"] = .null
            $0["editor"] = .null
            $0["course_id"] = .null
        }
        let exercise = try PracticeParser.parse(document, path: "practices[0]")
        #expect(exercise.points == 10)
        #expect(exercise.maxAttempts == 0)
        #expect(exercise.editor.language == "sql")
        #expect(exercise.courseID == nil)
    }

    @Test("a JSON exercise reads each rule's one check, the schema and the sample solution")
    func jsonExercise() throws {
        let exercise = try PracticeParser.parse(Self.jsonDocument, path: "practices[0]")

        #expect(exercise.id == "practice:json-order")
        #expect(exercise.kind == .json)
        #expect(exercise.title == LocalizedText(en: "Order document"))
        #expect(exercise.statement == LocalizedText(ru: "Опишите заказ."))
        #expect(exercise.points == 10)
        #expect(exercise.maxAttempts == 0)
        #expect(exercise.editor == PracticeExercise.Editor(language: "json", starter: ""))
        guard case .json(let task) = exercise.task else {
            Issue.record("expected a JSON task, got \(exercise.task)")
            return
        }
        #expect(task.rules == [
            JSONRule(pointer: try JSONPointer("/order/id"), check: .type(.string),
                     message: LocalizedText(en: "The id is a string.", ru: "id — строка.")),
            JSONRule(pointer: try JSONPointer("/order/items"), check: .length(min: 1, max: nil), message: "Add at least one item."),
            JSONRule(pointer: try JSONPointer("/order/status"), check: .oneOf(["new", "paid"]), message: "Use a known status."),
        ])
        #expect(task.schema == ["type": "object", "required": ["order"]])
        #expect(task.schemaMessage == LocalizedText(en: "The document does not fit the schema."))
        #expect(task.sampleSolution == ["order": ["id": "A-1", "items": [["sku": "A"]], "status": "new"]])
    }

    @Test("every kind of rule check is read from its key")
    func ruleChecks() throws {
        let rules = try PracticeParser.rules([
            ["pointer": "/a", "equals": 1, "message": "m"],
            ["pointer": "/a", "exists": false, "message": "m"],
            ["pointer": "/a", "type": "integer", "message": "m"],
            ["pointer": "/a", "regex": "[A-Z]+", "message": "m"],
            ["pointer": "/a", "length": ["max": 3], "message": "m"],
            ["pointer": "/a", "contains": "x", "message": "m"],
            ["pointer": "", "one_of": [1, 2], "message": "m"],
        ], path: "rules")
        #expect(rules.map(\.check) == [
            .equals(1), .exists(false), .type(.integer), .regex("[A-Z]+"), .length(min: nil, max: 3), .contains("x"), .oneOf([1, 2]),
        ])
        #expect(rules.last?.pointer.tokens == [])
    }

    @Test("an API exercise reads its routes, checks and sample requests")
    func apiExercise() throws {
        let exercise = try PracticeParser.parse(Self.apiDocument, path: "practices[0]")

        #expect(exercise.kind == .api)
        #expect(exercise.editor == PracticeExercise.Editor(language: "http", starter: ""))
        guard case .api(let task) = exercise.task else {
            Issue.record("expected an API task, got \(exercise.task)")
            return
        }
        #expect(task.baseURL == "https://shop.example")
        #expect(task.maxRequests == 10)
        #expect(task.routes.map(\.name) == ["create-order", "get-order"])

        let create = try #require(task.routes.first)
        #expect(create.method == "POST", "methods are upper-cased")
        #expect(create.path == "/orders")
        #expect(create.expect.headers == ["content-type": "application/json", "idempotency-key": nil], "header names are lower-cased")
        #expect(create.expect.rules == [
            JSONRule(pointer: try JSONPointer("/items"), check: .length(min: 1, max: nil), message: "Send at least one item."),
        ])
        #expect(create.expect.schema == nil)
        #expect(create.response == APITask.Response(status: 201, headers: ["location": "/orders/1001", "content-type": "application/json"],
                                                    body: ["id": 1001]))
        #expect(create.rejection == APITask.Response(status: 422, headers: ["content-type": "application/json"], body: ["title": "Invalid order"]))

        let get = try #require(task.routes.last)
        #expect(get.expect.isEmpty)
        #expect(get.rejection == nil)
        #expect(get.response == APITask.Response(status: 200, headers: ["content-type": "application/json"], body: ["id": "{id}"]))

        #expect(task.checks == [
            APITask.Check(name: "order created", route: "create-order", status: 201, after: nil,
                          message: LocalizedText(en: "Create the order.", ru: "Создайте заказ.")),
            APITask.Check(name: "order read back", route: "get-order", status: nil, after: "order created", message: "Read the order back."),
        ])
        #expect(task.sampleSolution == [
            APIRequest(method: "POST", path: "/orders", headers: [(name: "Content-Type", value: "application/json"), (name: "Idempotency-Key", value: "k1")],
                       body: ["items": [["sku": "A", "qty": 1]]]),
            APIRequest(method: "GET", path: "/orders/1001"),
        ])
    }

    @Test("a response without a body gets no content type")
    func responseWithoutBody() throws {
        let document = Self.editingTask(Self.apiDocument) {
            $0["routes"] = [["name": "ping", "method": "GET", "path": "/ping", "response": ["status": 204]]]
            $0["checks"] = [["name": "pinged", "route": "ping", "message": "Ping."]]
            $0["sample_solution"] = [["method": "GET", "path": "/ping"]]
        }
        guard case .api(let task) = try PracticeParser.parse(document, path: "practices[0]").task else {
            Issue.record("expected an API task")
            return
        }
        #expect(task.routes.first?.response == APITask.Response(status: 204, headers: [:], body: nil))
    }

    // MARK: - Problems

    @Test("every problem of an SQL document is reported at once, each with its path")
    func collectsAllIssues() {
        let document = Self.editingTask(Self.editing(Self.sqlDocument) {
            $0["_id"] = "quiz:overdue"
            $0["title"] = ""
            $0["lesson_id"] = nil
            $0["required"] = true
            $0["json"] = ["rules": []]
        }) {
            $0["limits"] = ["time_ms": 5, "rows": 50]
        }

        #expect(Self.issues(document) == [
            ContentIssue(path: "practices[0]._id", message: "must start with \"practice:\" and be at most 200 characters"),
            ContentIssue(path: "practices[0].title", message: "is required: a non-empty string or {\"en\": …, \"ru\": …}"),
            ContentIssue(path: "practices[0].required", message: "needs a lesson_id: a practice is required for completing its lesson"),
            ContentIssue(path: "practices[0].json", message: "is for json exercises; this one is sql"),
            ContentIssue(path: "practices[0].sql.limits.time_ms", message: "must be an integer from 10 to 10000"),
        ])
    }

    @Test("every broken rule of a JSON document is reported at once, each at its index")
    func collectsRuleIssues() {
        let document = Self.editingTask(Self.jsonDocument) {
            $0["rules"] = [
                ["pointer": "/order/id", "type": "string", "exists": true, "message": "m"],
                ["pointer": "/order/id", "regex": "([A-Z]", "message": "m"],
                ["pointer": "/order/items", "length": ["min": 3, "max": 1], "message": "m"],
                ["pointer": "/order/id", "matches": "A-.*", "message": "m"],
                ["pointer": "/order/status", "exists": true, "message": "m"],
            ]
            $0["schema"] = ["type": "object", "unevaluatedProperties": false]
        }

        #expect(Self.issues(document) == [
            ContentIssue(path: "practices[0].json.rules[0]",
                         message: "must have exactly one of equals, exists, type, regex, length, contains, one_of (found exists, type)"),
            ContentIssue(path: "practices[0].json.rules[1].regex", message: "must be a valid regular expression of at most 1000 characters"),
            ContentIssue(path: "practices[0].json.rules[2].length", message: "must be {\"min\": n, \"max\": n} with 0 ≤ min ≤ max"),
            ContentIssue(path: "practices[0].json.rules[3].matches",
                         message: "is not a rule: use equals, exists, type, regex, length, contains or one_of"),
            ContentIssue(path: "practices[0].json.schema", message: "uses keywords Campus does not check: /unevaluatedProperties"),
        ])
    }

    @Test("every problem of an API document is reported at once, each at its route or check")
    func collectsAPIIssues() {
        let document = Self.editingTask(Self.apiDocument) {
            var routes = $0["routes"]!.arrayValue!
            var getOrder = routes[1].objectValue!
            getOrder["method"] = "FETCH"
            routes[1] = .object(getOrder)
            $0["routes"] = .array(routes)
            $0["checks"] = [
                ["name": "order shipped", "route": "ship-order", "message": "Ship the order."],
                ["name": "order read back", "route": "get-order", "after": "order created", "message": "Read the order back."],
            ]
        }

        #expect(Self.issues(document) == [
            ContentIssue(path: "practices[0].api.routes[1].method", message: "must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
            ContentIssue(path: "practices[0].api.checks[0].route", message: "no route named \"ship-order\""),
            ContentIssue(path: "practices[0].api.checks[1].after", message: "must name an earlier check"),
        ])
    }

    static let brokenPractices: [ExpectedIssue] = {
        let sql = sqlDocument, json = jsonDocument, api = apiDocument
        func rule(_ rule: JSONValue, at index: Int = 0) -> JSONObject {
            editingTask(json) {
                var rules = $0["rules"]!.arrayValue!
                rules[index] = rule
                $0["rules"] = .array(rules)
            }
        }
        func route(_ index: Int, _ edit: @escaping (inout JSONObject) -> Void) -> JSONObject {
            editingTask(api) {
                var routes = $0["routes"]!.arrayValue!
                var route = routes[index].objectValue!
                edit(&route)
                routes[index] = .object(route)
                $0["routes"] = .array(routes)
            }
        }
        return [
            ExpectedIssue(editing(sql) { $0["_id"] = "sql-overdue-orders" }, "practices[0]._id",
                          "must start with \"practice:\" and be at most 200 characters"),
            ExpectedIssue(editing(sql) { $0["_id"] = "practice:" }, "practices[0]._id",
                          "must start with \"practice:\" and be at most 200 characters"),
            ExpectedIssue(editing(sql) { $0["_id"] = .string("practice:" + String(repeating: "x", count: 192)) }, "practices[0]._id",
                          "must start with \"practice:\" and be at most 200 characters"),
            ExpectedIssue(editing(sql) { $0["kind"] = "quiz"; $0["sql"] = nil }, "practices[0].kind", "must be one of \"sql\", \"json\", \"api\""),
            ExpectedIssue(editing(sql) { $0["title"] = nil }, "practices[0].title", "is required: a non-empty string or {\"en\": …, \"ru\": …}"),
            ExpectedIssue(editing(sql) { $0["title"] = ["de": "Überfällige Bestellungen"] }, "practices[0].title",
                          "is required: a non-empty string or {\"en\": …, \"ru\": …}"),
            ExpectedIssue(editing(sql) { $0["statement_mdx"] = ["en": ""] }, "practices[0].statement_mdx",
                          "is required: a non-empty string or {\"en\": …, \"ru\": …}"),
            ExpectedIssue(editing(sql) { $0["lesson_id"] = nil; $0["required"] = true }, "practices[0].required",
                          "needs a lesson_id: a practice is required for completing its lesson"),
            ExpectedIssue(editing(sql) { $0["required"] = "yes" }, "practices[0].required", "must be true or false"),
            ExpectedIssue(editing(sql) { $0["course_id"] = "lesson:campus-demo" }, "practices[0].course_id",
                          "must be a content id starting with \"course:\""),
            ExpectedIssue(editing(sql) { $0["points"] = 1_001 }, "practices[0].points", "must be an integer from 0 to 1000"),
            ExpectedIssue(editing(sql) { $0["points"] = 2.5 }, "practices[0].points", "must be an integer from 0 to 1000"),
            ExpectedIssue(editing(sql) { $0["max_attempts"] = -1 }, "practices[0].max_attempts", "must be an integer from 0 to 1000"),
            ExpectedIssue(editing(sql) { $0["editor"] = ["language": 1] }, "practices[0].editor.language", "must be a string"),
            ExpectedIssue(editing(sql) { $0["sql"] = nil }, "practices[0].sql", "is required: an object with the sql task"),
            ExpectedIssue(editing(sql) { $0["json"] = ["rules": []] }, "practices[0].json", "is for json exercises; this one is sql"),
            ExpectedIssue(editingTask(sql) { $0["dialect"] = "mysql" }, "practices[0].sql.dialect", "must be one of \"sqlite\", \"postgresql\""),
            ExpectedIssue(editingTask(sql) { $0["schema"] = "  " }, "practices[0].sql.schema", "is required: a non-empty string"),
            ExpectedIssue(editingTask(sql) { $0["datasets"] = ["visible": "INSERT INTO orders VALUES (1, 0);"] },
                          "practices[0].sql.datasets.hidden", "is required: a non-empty string"),
            ExpectedIssue(editingTask(sql) { $0["compare"] = ["float_tolerance": -1] }, "practices[0].sql.compare.float_tolerance",
                          "must be a number from 0 to 1000000"),
            ExpectedIssue(editingTask(sql) { $0["limits"] = ["time_ms": 10_001] }, "practices[0].sql.limits.time_ms",
                          "must be an integer from 10 to 10000"),
            ExpectedIssue(editingTask(sql) { $0["limits"] = ["rows": 0] }, "practices[0].sql.limits.rows", "must be an integer from 1 to 10000"),
            ExpectedIssue(rule(["pointer": "order/id", "type": "string", "message": "m"]), "practices[0].json.rules[0].pointer",
                          "must be a JSON Pointer (\"\" or \"/a/0\")"),
            ExpectedIssue(rule(["pointer": "/order/id", "type": "string"]), "practices[0].json.rules[0].message",
                          "is required: what the learner reads when the rule fails"),
            ExpectedIssue(rule(["pointer": "/order/id", "type": "text", "message": "m"]), "practices[0].json.rules[0].type",
                          "must be one of object, array, string, number, integer, boolean, null"),
            ExpectedIssue(rule(["pointer": "/order/id", "regex": "(", "message": "m"], at: 1), "practices[0].json.rules[1].regex",
                          "must be a valid regular expression of at most 1000 characters"),
            ExpectedIssue(rule(["pointer": "/order/items", "length": ["min": 2, "max": 1], "message": "m"], at: 1),
                          "practices[0].json.rules[1].length", "must be {\"min\": n, \"max\": n} with 0 ≤ min ≤ max"),
            ExpectedIssue(rule(["pointer": "/order/items", "length": ["min": -1], "message": "m"]), "practices[0].json.rules[0].length",
                          "must be {\"min\": n, \"max\": n} with 0 ≤ min ≤ max"),
            ExpectedIssue(rule(["pointer": "/order/status", "one_of": [], "message": "m"], at: 2), "practices[0].json.rules[2].one_of",
                          "must be a non-empty array"),
            ExpectedIssue(rule(["pointer": "/order/id", "exists": "yes", "message": "m"]), "practices[0].json.rules[0].exists",
                          "must be true or false"),
            ExpectedIssue(rule(["pointer": "/order/id", "pattern": "A-.*", "message": "m"]), "practices[0].json.rules[0].pattern",
                          "is not a rule: use equals, exists, type, regex, length, contains or one_of"),
            ExpectedIssue(editingTask(json) { $0["schema"] = ["properties": ["order": ["unevaluatedProperties": false]]] },
                          "practices[0].json.schema", "uses keywords Campus does not check: /properties/order/unevaluatedProperties"),
            ExpectedIssue(editingTask(json) { $0["schema"] = ["$ref": "https://example.com/order.json"] },
                          "practices[0].json.schema", "uses keywords Campus does not check: /$ref"),
            ExpectedIssue(editingTask(json) { $0["schema"] = nil; $0["rules"] = nil }, "practices[0].json", "needs rules, a schema or both"),
            ExpectedIssue(editingTask(json) { $0["sample_solution"] = nil }, "practices[0].json.sample_solution",
                          "is required: a document that passes every rule"),
            ExpectedIssue(editingTask(json) { $0["schema_message"] = 5 }, "practices[0].json.schema_message",
                          "must be a string or {\"en\": …, \"ru\": …}"),
            ExpectedIssue(editing(json) { $0["sql"] = ["schema": "CREATE TABLE t (x INTEGER);"] }, "practices[0].sql",
                          "is for sql exercises; this one is json"),
            ExpectedIssue(editingTask(api) { $0["routes"] = [] }, "practices[0].api.routes", "is required: a non-empty array of routes"),
            ExpectedIssue(route(1) { $0["path"] = "orders/{id}" }, "practices[0].api.routes[1].path", "must start with / and have no query string"),
            ExpectedIssue(route(1) { $0["path"] = "/orders/{id}?expand=items" }, "practices[0].api.routes[1].path",
                          "must start with / and have no query string"),
            ExpectedIssue(route(1) { $0["response"] = nil }, "practices[0].api.routes[1].response", "is required: {status, headers, body}"),
            ExpectedIssue(route(1) { $0["response"] = ["status": 700] }, "practices[0].api.routes[1].response.status",
                          "must be an integer from 100 to 599"),
            ExpectedIssue(route(0) { $0["expect"] = ["headers": ["Idempotency-Key": true]] }, "practices[0].api.routes[0].expect.headers",
                          "must map header names to a value or null (present with any value)"),
            ExpectedIssue(route(0) { $0["expect"] = ["schema": ["type": "object", "unevaluatedProperties": false]] },
                          "practices[0].api.routes[0].expect.schema", "uses keywords Campus does not check: /unevaluatedProperties"),
            ExpectedIssue(route(0) { $0["expect"] = ["rules": [["pointer": "/items", "regex": "(", "message": "m"]]] },
                          "practices[0].api.routes[0].expect.rules[0].regex", "must be a valid regular expression of at most 1000 characters"),
            ExpectedIssue(editingTask(api) {
                $0["checks"] = [["name": "order created", "route": "ship-order", "message": "m"]]
            }, "practices[0].api.checks[0].route", "no route named \"ship-order\""),
            ExpectedIssue(editingTask(api) {
                $0["checks"] = [["name": "order read back", "route": "get-order", "after": "order created", "message": "m"],
                                ["name": "order created", "route": "create-order", "message": "m"]]
            }, "practices[0].api.checks[0].after", "must name an earlier check"),
            ExpectedIssue(editingTask(api) {
                $0["checks"] = [["name": "order created", "route": "create-order", "message": "m"],
                                ["name": "order created", "route": "get-order", "message": "m"]]
            }, "practices[0].api.checks[1].name", "duplicate check name \"order created\""),
            ExpectedIssue(editingTask(api) { $0["checks"] = [] }, "practices[0].api.checks", "is required: a non-empty array of checks"),
            ExpectedIssue(editingTask(api) { $0["max_requests"] = 51 }, "practices[0].api.max_requests", "must be an integer from 1 to 50"),
            ExpectedIssue(editingTask(api) { $0["sample_solution"] = nil }, "practices[0].api.sample_solution",
                          "is required: the requests that pass every check"),
            ExpectedIssue(editingTask(api) { $0["sample_solution"] = [["method": "GET", "path": "/orders/1001"], ["method": "FETCH", "path": "/orders"]] },
                          "practices[0].api.sample_solution[1].method", "must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"),
        ]
    }()

    @Test("a broken practice is reported at the exact path", arguments: brokenPractices)
    func brokenPractice(expected: ExpectedIssue) {
        #expect(Self.issues(expected.document) == [expected.issue])
    }

    @Test("two routes with one name are refused, and a check on the name that went missing says so")
    func duplicateRoute() {
        let document = Self.editingTask(Self.apiDocument) {
            var routes = $0["routes"]!.arrayValue!
            var getOrder = routes[1].objectValue!
            getOrder["name"] = "create-order"
            routes[1] = .object(getOrder)
            $0["routes"] = .array(routes)
        }
        #expect(Self.issues(document) == [
            ContentIssue(path: "practices[0].api.routes[1].name", message: "duplicate route name \"create-order\""),
            ContentIssue(path: "practices[0].api.checks[1].route", message: "no route named \"get-order\""),
        ])
    }

    @Test("the valid documents used above parse without issues")
    func validDocuments() {
        #expect(Self.issues(Self.sqlDocument).isEmpty)
        #expect(Self.issues(Self.jsonDocument).isEmpty)
        #expect(Self.issues(Self.apiDocument).isEmpty)
    }

    @Test("a document with an unknown kind names that, and every task object it carries")
    func unknownKind() {
        let document = Self.editing(Self.sqlDocument) { $0["kind"] = "quiz" }
        #expect(Self.issues(document) == [
            ContentIssue(path: "practices[0].kind", message: "must be one of \"sql\", \"json\", \"api\""),
            ContentIssue(path: "practices[0].sql", message: "is for sql exercises; this one is of no kind"),
        ])
    }

    @Test("paths are relative to the path given, or start at the field when it is empty")
    func issuePaths() {
        let document = Self.editingTask(Self.editing(Self.sqlDocument) { $0["points"] = -1 }) { $0["limits"] = ["rows": 0] }
        #expect(Self.issues(document, path: "").map(\.path) == ["points", "sql.limits.rows"])
        #expect(Self.issues(document, path: "bundle.practices[4]").map(\.path) == ["bundle.practices[4].points", "bundle.practices[4].sql.limits.rows"])
    }

    @Test("rules parsed on their own are named relative to their path")
    func standaloneRules() {
        #expect(throws: ContentIssues(issues: [ContentIssue(path: "expect.rules[1].exists", message: "must be true or false")])) {
            try PracticeParser.rules([["pointer": "/a", "exists": true, "message": "m"], ["pointer": "/b", "exists": 1, "message": "m"]],
                                     path: "expect.rules")
        }
    }
}
