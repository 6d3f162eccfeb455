import Testing
@testable import CampusCore

@Suite("The mock API of API exercises")
struct MockAPITests {
    private static let itemsRule = JSONRule(pointer: try! JSONPointer("/items"), check: .length(min: 1, max: nil),
                                            message: LocalizedText(en: "Send at least one item.", ru: "Отправьте хотя бы одну позицию."))

    private let mock = MockAPI(routes: [
        APITask.Route(
            name: "create-order", method: "POST", path: "/orders",
            expect: APITask.Expectations(headers: ["content-type": "application/json", "idempotency-key": nil], rules: [MockAPITests.itemsRule]),
            response: APITask.Response(status: 201, headers: ["location": "/orders/1001"], body: ["id": 1001]),
            rejection: APITask.Response(status: 422, headers: ["content-type": "application/problem+json"], body: ["title": "Invalid order"])),
        APITask.Route(
            name: "get-order", method: "GET", path: "/orders/{id}",
            response: APITask.Response(status: 200, headers: ["location": "/orders/{id}"],
                                       body: ["id": "{id}", "links": ["self": "/orders/{id}/items"], "count": 2])),
        APITask.Route(
            name: "set-status", method: "PUT", path: "/orders/{id}/status",
            expect: APITask.Expectations(schema: ["type": "object", "required": ["status"],
                                                  "properties": ["status": ["enum": ["paid", "shipped"]]]]),
            response: APITask.Response(status: 204)),
    ])

    private static let goodHeaders: [(name: String, value: String)] = [
        (name: "Content-Type", value: "application/json"), (name: "Idempotency-Key", value: "k1"),
    ]
    private static let goodBody: JSONValue = ["items": [["sku": "A", "qty": 1]]]

    private func create(headers: [(name: String, value: String)] = MockAPITests.goodHeaders, body: JSONValue? = MockAPITests.goodBody) -> MockAPI.Exchange {
        mock.respond(to: APIRequest(method: "POST", path: "/orders", headers: headers, body: body))
    }

    @Test("a request that meets every expectation gets the route's response")
    func success() {
        let exchange = create()
        #expect(exchange.route == "create-order")
        #expect(exchange.unmet.isEmpty)
        #expect(exchange.response == APITask.Response(status: 201, headers: ["location": "/orders/1001"], body: ["id": 1001]))
        #expect(exchange.request == APIRequest(method: "POST", path: "/orders", headers: Self.goodHeaders, body: Self.goodBody))
    }

    @Test("a {name} segment matches one segment, whose value replaces {name} in the body's strings and the headers")
    func pathParameters() {
        let exchange = mock.respond(to: APIRequest(method: "GET", path: "/orders/77"))
        #expect(exchange.route == "get-order")
        #expect(exchange.response.status == 200)
        #expect(exchange.response.body == ["id": "77", "links": ["self": "/orders/77/items"], "count": 2])
        #expect(exchange.response.headers == ["location": "/orders/77"])

        #expect(mock.respond(to: APIRequest(method: "GET", path: "/orders/77/items")).response.status == 404, "one segment, not two")
        #expect(mock.respond(to: APIRequest(method: "PUT", path: "/orders/77/status", body: ["status": "paid"])).route == "set-status")
    }

    @Test("an unknown path is 404, a known path with another method is 405, and neither reaches a route")
    func notFoundAndNotAllowed() {
        let missing = mock.respond(to: APIRequest(method: "GET", path: "/customers/1"))
        #expect(missing.route == nil)
        #expect(missing.response.status == 404)
        #expect(missing.response.body?["title"] == "Not found")

        let wrongMethod = mock.respond(to: APIRequest(method: "DELETE", path: "/orders/1"))
        #expect(wrongMethod.route == nil)
        #expect(wrongMethod.response.status == 405)
        #expect(wrongMethod.response.body?["title"] == "Method not allowed")

        #expect(mock.respond(to: APIRequest(method: "GET", path: "/orders")).response.status == 405)
        #expect(mock.respond(to: APIRequest(method: "get", path: "/orders/1")).response.status == 200, "methods compare ignoring case")
    }

    @Test("a missing header gets the route's rejection, with Campus's message naming the header")
    func missingHeader() {
        let exchange = create(headers: [(name: "Content-Type", value: "application/json")])
        #expect(exchange.route == "create-order")
        #expect(exchange.response == APITask.Response(status: 422, headers: ["content-type": "application/problem+json"],
                                                      body: ["title": "Invalid order"]))
        #expect(exchange.unmet == [LocalizedText(en: "The request has no idempotency-key header.", ru: "В запросе нет заголовка idempotency-key.")])
    }

    @Test("a header with another value gets the rejection, with a message naming the value expected")
    func wrongHeaderValue() {
        let exchange = create(headers: [(name: "Content-Type", value: "text/plain"), (name: "Idempotency-Key", value: "k1")])
        #expect(exchange.response.status == 422)
        #expect(exchange.unmet == [LocalizedText(en: "The content-type header should be application/json.",
                                                 ru: "Заголовок content-type должен быть application/json.")])
    }

    @Test("every unmet expectation is listed, headers first")
    func everyUnmetExpectation() {
        let exchange = create(headers: [], body: ["items": []])
        #expect(exchange.unmet.map { $0.text(in: .en) } == [
            "The request has no content-type header.",
            "The request has no idempotency-key header.",
            "Send at least one item.",
        ])
    }

    @Test("content-type compares without its parameters, and header names ignore case")
    func headerMatching() {
        let charset = create(headers: [(name: "content-type", value: "application/json; charset=utf-8"), (name: "IDEMPOTENCY-KEY", value: "k1")])
        #expect(charset.response.status == 201)
        #expect(charset.unmet.isEmpty)
        #expect(create(headers: [(name: "CONTENT-TYPE", value: "Application/JSON"), (name: "idempotency-key", value: "")]).response.status == 201,
                "a null expectation accepts any value, even an empty one")
        #expect(create(headers: [(name: "Content-Type", value: "application/jsonp"), (name: "Idempotency-Key", value: "k1")]).response.status == 422)
    }

    @Test("a header other than content-type must have exactly the expected value")
    func exactHeaderValue() {
        let mock = MockAPI(routes: [APITask.Route(name: "v2", method: "GET", path: "/v2",
                                                  expect: APITask.Expectations(headers: ["x-api-version": "2024-01"]),
                                                  response: APITask.Response(status: 200))])
        func status(_ value: String) -> Int {
            mock.respond(to: APIRequest(method: "GET", path: "/v2", headers: [(name: "X-Api-Version", value: value)])).response.status
        }
        #expect(status("2024-01") == 200)
        #expect(status(" 2024-01 ") == 200, "surrounding spaces are not part of a header value")
        #expect(status("2024-01; beta") == 400)
        #expect(status("2024-02") == 400)
    }

    @Test("a body that breaks a rule, or no JSON body at all, gets the rejection with the rule's message")
    func bodyRules() {
        let empty = create(body: ["items": []])
        #expect(empty.response.status == 422)
        #expect(empty.unmet == [Self.itemsRule.message])

        let none = create(body: nil)
        #expect(none.response.status == 422)
        #expect(none.unmet == [LocalizedText(en: "The request needs a JSON body.", ru: "Запросу нужно тело в формате JSON.")])

        let text = mock.respond(to: APIRequest(method: "POST", path: "/orders", headers: Self.goodHeaders, rawBody: "items=A"))
        #expect(text.response.status == 422)
        #expect(text.unmet.map { $0.text(in: .en) } == ["The request needs a JSON body."])
    }

    @Test("a body that does not fit the schema gets the default rejection, 400, naming where it does not fit")
    func bodySchema() {
        let lost = mock.respond(to: APIRequest(method: "PUT", path: "/orders/5/status", body: ["status": "lost"]))
        #expect(lost.route == "set-status")
        #expect(lost.response.status == 400)
        #expect(lost.response.headers["content-type"] == "application/problem+json")
        #expect(lost.response.body == ["title": "Bad request", "status": 400])
        #expect(lost.unmet == [LocalizedText(en: "Body /status: must be one of the allowed values",
                                             ru: "Тело /status: must be one of the allowed values")])

        let missing = mock.respond(to: APIRequest(method: "PUT", path: "/orders/5/status", body: [:]))
        #expect(missing.unmet.map { $0.text(in: .en) } == ["Body /: must have the member \"status\""])

        #expect(mock.respond(to: APIRequest(method: "PUT", path: "/orders/5/status", body: ["status": "shipped"])).response.status == 204)
    }

    @Test("the query string plays no part in matching a route")
    func queryString() {
        let exchange = mock.respond(to: APIRequest(method: "GET", path: "/orders/5?expand=items&x=/y"))
        #expect(exchange.route == "get-order")
        #expect(exchange.response.body?["id"] == "5")
        #expect(create().response.status == mock.respond(to: APIRequest(method: "POST", path: "/orders?dry-run=1", headers: Self.goodHeaders,
                                                                         body: Self.goodBody)).response.status)
        #expect(mock.respond(to: APIRequest(method: "GET", path: "/customers?orders/5")).response.status == 404)
    }
}
