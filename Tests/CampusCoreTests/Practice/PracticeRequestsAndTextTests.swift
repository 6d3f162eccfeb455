import Testing
@testable import CampusCore

@Suite("Learner requests, texts in two languages and JSON exercise verdicts")
struct PracticeRequestsAndTextTests {
    // MARK: - PracticeRequests

    private func requests(_ value: JSONValue) throws -> [APIRequest] {
        try PracticeRequests.parse(value).get()
    }

    private func problem(_ value: JSONValue) -> PracticeRequests.Problem? {
        if case .failure(let problem) = PracticeRequests.parse(value) { return problem }
        return nil
    }

    @Test("a list of requests is read with its methods upper-cased and its headers as written")
    func validRequests() throws {
        let parsed = try requests([
            ["method": "post", "path": "/orders?dry-run=1", "headers": ["Content-Type": "application/json"], "body": ["items": [1]]],
            ["method": "GET", "path": "/orders/1", "headers": .null, "body": .null],
        ])
        #expect(parsed == [
            APIRequest(method: "POST", path: "/orders?dry-run=1", headers: [(name: "Content-Type", value: "application/json")], body: ["items": [1]]),
            APIRequest(method: "GET", path: "/orders/1"),
        ])
        #expect(parsed.first?.header("content-type") == "application/json")
        #expect(parsed.first?.rawBody == nil)
    }

    @Test("a body sent as JSON text is parsed, and the text is kept as sent")
    func bodyAsText() throws {
        let text = #"{"items": [{"sku": "A"}]}"#
        let parsed = try #require(try requests([["method": "POST", "path": "/orders", "body": .string(text)]]).first)
        #expect(parsed.body == ["items": [["sku": "A"]]])
        #expect(parsed.rawBody == text)

        let form = try #require(try requests([["method": "POST", "path": "/orders", "body": "sku=A&qty=1"]]).first)
        #expect(form.body == nil)
        #expect(form.rawBody == "sku=A&qty=1")
    }

    @Test("a broken request is named by its place in the list and its field")
    func brokenRequests() {
        #expect(problem([["method": "GET", "path": "/a"], ["method": "FETCH", "path": "/a"]])
                == PracticeRequests.Problem(field: "[1].method", message: "must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT"))
        #expect(problem([["path": "/a"]])?.field == "[0].method")
        #expect(problem([["method": "GET", "path": "orders"]])?.field == "[0].path")
        #expect(problem([["method": "GET", "path": "/orders list"]])?.field == "[0].path")
        #expect(problem([["method": "GET"]])?.field == "[0].path")
        #expect(problem([["method": "GET", "path": "/a", "headers": ["X Bad": "1"]]])
                == PracticeRequests.Problem(field: "[0].headers.X Bad", message: "must be a header name with a one-line string value"))
        #expect(problem([["method": "GET", "path": "/a", "headers": ["X-Count": 1]]])?.field == "[0].headers.X-Count")
        #expect(problem([["method": "GET", "path": "/a", "headers": ["a", "b"]]])?.field == "[0].headers")
        #expect(problem(["GET /a"])?.field == "[0]")
        #expect(problem(["method": "GET", "path": "/a"]) == PracticeRequests.Problem(field: "", message: "must be an array of requests"))
    }

    @Test("a header value spanning lines is refused, so no header can be smuggled in")
    func headerInjection() {
        #expect(problem([["method": "GET", "path": "/a", "headers": ["X-Note": "a\r\nX-Admin: 1"]]])?.field == "[0].headers.X-Note")
        #expect(problem([["method": "GET", "path": "/a", "headers": ["X-Note": "a\nb"]]])?.field == "[0].headers.X-Note")
        #expect(problem([["method": "GET", "path": "/a", "headers": ["X-Note": "a b"]]]) == nil)
    }

    @Test("a list must hold 1 to 50 requests")
    func listSize() {
        let one: JSONValue = ["method": "GET", "path": "/a"]
        let expected = PracticeRequests.Problem(field: "", message: "must hold 1 to 50 requests")
        #expect(problem([]) == expected)
        #expect(problem(.array(Array(repeating: one, count: 51))) == expected)
        #expect(problem(.array(Array(repeating: one, count: 50))) == nil)
    }

    // MARK: - LocalizedText

    @Test("a text is one string, or an object with en and/or ru")
    func localizedText() {
        #expect(LocalizedText(JSONValue.string("Overdue orders")) == LocalizedText(en: "Overdue orders"))
        #expect(LocalizedText(JSONValue.object(["en": "Overdue orders", "ru": "Просроченные заказы"]))
                == LocalizedText(en: "Overdue orders", ru: "Просроченные заказы"))
        #expect(LocalizedText(JSONValue.object(["ru": "Просроченные заказы"])) == LocalizedText(ru: "Просроченные заказы"))
    }

    @Test("anything else is refused: unknown languages, empty texts, other values", arguments: [
        JSONValue.object(["en": "Orders", "de": "Bestellungen"]), .object(["de": "Bestellungen"]), .object([:]), .object(["en": ""]),
        .object(["en": 5]), .string(""), .int(5), .array(["Orders"]), .null,
    ])
    func refusedText(value: JSONValue) {
        #expect(LocalizedText(value) == nil)
    }

    @Test("a text is read in the language asked for, else in English, else in Russian")
    func fallback() {
        let both = LocalizedText(en: "Orders", ru: "Заказы")
        #expect(both.text(in: .en) == "Orders")
        #expect(both.text(in: .ru) == "Заказы")
        #expect(LocalizedText(en: "Orders").text(in: .ru) == "Orders")
        #expect(LocalizedText(ru: "Заказы").text(in: .en) == "Заказы")
    }

    // MARK: - PracticeLanguage

    @Test("Accept-Language picks the supported language with the highest weight", arguments: [
        ("ru-RU,ru;q=0.9,en;q=0.8", PracticeLanguage.ru), ("de, en;q=0.5", .en), ("en;q=0.5, ru", .ru), ("RU", .ru),
        ("ru;q=0, en;q=0.1", .en), ("en-GB , ru ; q=0.3", .en),
    ] as [(String, PracticeLanguage)])
    func preferredLanguage(header: String, language: PracticeLanguage) {
        #expect(PracticeLanguage.preferred(acceptLanguage: header) == language)
    }

    @Test("no supported language, or one refused with q=0, gives none", arguments: ["fr", "de-DE, fr;q=0.5", "en;q=0", "", "*"])
    func noLanguage(header: String) {
        #expect(PracticeLanguage.preferred(acceptLanguage: header) == nil)
    }

    @Test("no header gives no language")
    func noHeader() {
        #expect(PracticeLanguage.preferred(acceptLanguage: nil) == nil)
    }

    // MARK: - SQLRunFailure

    @Test("an engine error names the engine's message on the visible rows and never on the hidden ones")
    func engineErrorOnHiddenData() {
        let failure = SQLRunFailure.error("no such column: hidden_bonus")
        let visible = failure.text(onHiddenData: false)
        #expect(visible == LocalizedText(en: "The query fails: no such column: hidden_bonus",
                                         ru: "Запрос завершился ошибкой: no such column: hidden_bonus"))
        let hidden = failure.text(onHiddenData: true)
        #expect(!(hidden.en ?? "").contains("hidden_bonus"))
        #expect(!(hidden.ru ?? "").contains("hidden_bonus"))
        #expect(hidden.en == "On another dataset with the same tables the query fails.")
    }

    @Test("the sandbox's own refusals name their limit in both languages")
    func sandboxLimits() {
        let timedOut = SQLRunFailure.timedOut(milliseconds: 2_000).text(onHiddenData: true)
        #expect(timedOut.text(in: .en).contains("2000 ms"))
        #expect(timedOut.text(in: .ru).contains("2000 мс"))
        #expect(SQLRunFailure.tooManyRows(limit: 1_000).text(onHiddenData: false).text(in: .en) == "The query returns more than 1000 rows.")
    }

    // MARK: - JSONExerciseCheck

    private static let document: JSONValue = ["order": ["id": 42, "status": "lost", "items": []]]

    private func rule(_ pointer: String, _ check: JSONRule.Check, _ message: LocalizedText) throws -> JSONRule {
        JSONRule(pointer: try JSONPointer(pointer), check: check, message: message)
    }

    @Test("each rule gives one verdict, named by its pointer, with the author's message when it fails")
    func ruleVerdicts() throws {
        let task = JSONTask(rules: [
            try rule("/order/id", .type(.integer), "The id is a number."),
            try rule("/order/status", .oneOf(["new", "paid"]), LocalizedText(en: "Use a known status.", ru: "Укажите известный статус.")),
            try rule("", .type(.object), "The document is an object."),
        ], sampleSolution: .null)

        let results = JSONExerciseCheck.run(task, on: Self.document)

        #expect(results == [
            PracticeCheckResult(name: LocalizedText(en: "/order/id"), passed: true, message: PracticeCheckResult.passedMessage),
            PracticeCheckResult(name: LocalizedText(en: "/order/status"), passed: false,
                                message: LocalizedText(en: "Use a known status.", ru: "Укажите известный статус.")),
            PracticeCheckResult(name: LocalizedText(en: "/"), passed: true, message: PracticeCheckResult.passedMessage),
        ])
    }

    @Test("a document that fits the schema adds one passing verdict")
    func schemaPasses() {
        let task = JSONTask(rules: [], schema: ["type": "object", "required": ["order"]], sampleSolution: .null)
        #expect(JSONExerciseCheck.run(task, on: Self.document) == [
            PracticeCheckResult(name: LocalizedText(en: "JSON Schema", ru: "JSON Schema"), passed: true, message: PracticeCheckResult.passedMessage),
        ])
    }

    @Test("each place where the document does not fit the schema fails, led by the author's schema message")
    func schemaFails() {
        let schema: JSONValue = ["type": "object", "properties": ["order": ["type": "object", "required": ["id", "customer"],
                                                                            "properties": ["items": ["minItems": 1]]]]]
        let task = JSONTask(rules: [], schema: schema, schemaMessage: LocalizedText(en: "Follow the schema.", ru: "Следуйте схеме."),
                            sampleSolution: .null)

        let results = JSONExerciseCheck.run(task, on: Self.document)

        #expect(results.map(\.passed) == [false, false])
        #expect(results.map { $0.name.text(in: .en) } == ["JSON Schema /order", "JSON Schema /order/items"])
        #expect(results.first?.message == LocalizedText(en: "Follow the schema. /order: must have the member \"customer\"",
                                                        ru: "Следуйте схеме. /order: must have the member \"customer\""))
        #expect(results.last?.message.text(in: .en).hasPrefix("Follow the schema. /order/items: ") == true)

        let root = JSONExerciseCheck.run(JSONTask(rules: [], schema: ["type": "object"], sampleSolution: .null), on: ["order"])
        #expect(root.map { $0.name.text(in: .en) } == ["JSON Schema /"])
        #expect(root.first?.message.text(in: .en) == "/: must be of type object", "without a schema message the finding stands alone")
    }

    @Test("rule verdicts come first, then at most ten schema findings")
    func schemaFindingsAreCapped() throws {
        let task = JSONTask(rules: [try rule("", .type(.array), "An array.")], schema: ["type": "array", "items": ["type": "string"]],
                            sampleSolution: .null)
        let results = JSONExerciseCheck.run(task, on: .array(Array(repeating: .int(1), count: 12)))
        #expect(results.count == 1 + JSONExerciseCheck.maximumSchemaFindings)
        #expect(results.first?.name == LocalizedText(en: "/"))
        #expect(results.first?.passed == true)
        #expect(results.dropFirst().allSatisfy { !$0.passed })
        #expect(results.last?.name.text(in: .en) == "JSON Schema /9")
    }
}
