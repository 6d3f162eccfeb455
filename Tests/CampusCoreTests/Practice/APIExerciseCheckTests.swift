import Testing
@testable import CampusCore

@Suite("Checking an API exercise's requests")
struct APIExerciseCheckTests {
    private static let routes = [
        APITask.Route(name: "create-order", method: "POST", path: "/orders",
                      expect: APITask.Expectations(headers: ["content-type": "application/json"]),
                      response: APITask.Response(status: 201, body: ["id": 1001]),
                      rejection: APITask.Response(status: 422, body: ["title": "Invalid order"])),
        APITask.Route(name: "get-order", method: "GET", path: "/orders/{id}", response: APITask.Response(status: 200, body: ["id": "{id}"])),
    ]

    private static let checks = [
        APITask.Check(name: "order created", route: "create-order", message: LocalizedText(en: "Create the order.", ru: "Создайте заказ.")),
        APITask.Check(name: "order read back", route: "get-order", after: "order created",
                      message: LocalizedText(en: "Read the order back after creating it.", ru: "Прочитайте заказ после создания.")),
    ]

    private static let post = APIRequest(method: "POST", path: "/orders", headers: [(name: "Content-Type", value: "application/json")],
                                         body: ["items": [["sku": "A"]]])
    private static let plainPost = APIRequest(method: "POST", path: "/orders", headers: [(name: "Content-Type", value: "text/plain")],
                                              rawBody: "sku=A")
    private static let read = APIRequest(method: "GET", path: "/orders/1001")

    private func task(checks: [APITask.Check] = APIExerciseCheckTests.checks, maxRequests: Int = 10) -> APITask {
        APITask(baseURL: "https://shop.example", routes: Self.routes, checks: checks, maxRequests: maxRequests, sampleSolution: [Self.post, Self.read])
    }

    private func verdicts(_ outcome: APIExerciseCheck.Outcome) -> [String: Bool] {
        Dictionary(outcome.checks.map { ($0.name.text(in: .en), $0.passed) }, uniquingKeysWith: { first, _ in first })
    }

    @Test("a check passes when a request reached its route and got the route's success status")
    func passing() {
        let outcome = APIExerciseCheck.run(task(), requests: [Self.post, Self.read])
        #expect(outcome.passed)
        #expect(outcome.exchanges.map(\.response.status) == [201, 200])
        #expect(outcome.checks == [
            PracticeCheckResult(name: LocalizedText(en: "order created"), passed: true, message: PracticeCheckResult.passedMessage),
            PracticeCheckResult(name: LocalizedText(en: "order read back"), passed: true, message: PracticeCheckResult.passedMessage),
        ])
    }

    @Test("reaching the route is not enough: the answer must have the check's status")
    func statusCounts() {
        let rejected = APIExerciseCheck.run(task(), requests: [Self.plainPost])
        #expect(rejected.exchanges.first?.route == "create-order")
        #expect(verdicts(rejected)["order created"] == false)

        let refusal = APITask.Check(name: "plain text refused", route: "create-order", status: 422, message: "Send a body the API refuses.")
        #expect(APIExerciseCheck.run(task(checks: [refusal]), requests: [Self.plainPost]).passed)
        #expect(!APIExerciseCheck.run(task(checks: [refusal]), requests: [Self.post]).passed)
    }

    @Test("with after, only requests sent after the one that passed the named check count")
    func order() {
        let backwards = APIExerciseCheck.run(task(), requests: [Self.read, Self.post])
        #expect(verdicts(backwards) == ["order created": true, "order read back": false])
        #expect(!backwards.passed)
        #expect(backwards.checks.last?.message == LocalizedText(en: "Read the order back after creating it.", ru: "Прочитайте заказ после создания."))

        #expect(APIExerciseCheck.run(task(), requests: [Self.read, Self.post, Self.read]).passed)
    }

    @Test("the request that passed the named check does not count again for the check after it")
    func afterIsStrict() {
        let twice = [
            Self.checks[0],
            APITask.Check(name: "second order created", route: "create-order", after: "order created", message: "Create a second order."),
        ]
        #expect(verdicts(APIExerciseCheck.run(task(checks: twice), requests: [Self.post])) == ["order created": true, "second order created": false])
        #expect(APIExerciseCheck.run(task(checks: twice), requests: [Self.post, Self.post]).passed)
    }

    @Test("a check after a failed check fails, whatever was sent")
    func afterFailedCheck() {
        let outcome = APIExerciseCheck.run(task(), requests: [Self.read, Self.read])
        #expect(verdicts(outcome) == ["order created": false, "order read back": false])
    }

    @Test("more requests than allowed fail as one check about their number, and only the allowed ones are answered")
    func tooManyRequests() {
        let outcome = APIExerciseCheck.run(task(maxRequests: 2), requests: [Self.post, Self.read, Self.read])
        #expect(!outcome.passed)
        #expect(outcome.exchanges.count == 2)
        #expect(outcome.checks == [PracticeCheckResult(
            name: LocalizedText(en: "Number of requests", ru: "Число запросов"), passed: false,
            message: LocalizedText(en: "At most 2 requests are allowed; 3 were sent.", ru: "Можно отправить не больше 2 запросов; отправлено 3."))])

        #expect(APIExerciseCheck.run(task(maxRequests: 2), requests: [Self.post, Self.read]).passed, "exactly the limit is allowed")
    }

    @Test("when a request reached the route but missed an expectation, the failing check says which")
    func unmetExpectation() throws {
        let outcome = APIExerciseCheck.run(task(), requests: [Self.plainPost])
        let created = try #require(outcome.checks.first)
        #expect(!created.passed)
        #expect(created.message == LocalizedText(en: "Create the order. The content-type header should be application/json.",
                                                 ru: "Создайте заказ. Заголовок content-type должен быть application/json."))

        let untried = try #require(APIExerciseCheck.run(task(), requests: [Self.read]).checks.first)
        #expect(untried.message == LocalizedText(en: "Create the order.", ru: "Создайте заказ."), "no request reached the route: the author's message alone")
    }

    @Test("no requests pass no checks, and an exercise without checks is never passed")
    func nothing() {
        let silent = APIExerciseCheck.run(task(), requests: [])
        #expect(silent.exchanges.isEmpty)
        #expect(silent.checks.map(\.passed) == [false, false])

        let unchecked = APIExerciseCheck.run(task(checks: []), requests: [Self.post, Self.read])
        #expect(unchecked.checks.isEmpty)
        #expect(!unchecked.passed)
    }

    @Test("the exchanges are the mock's answers in the order sent")
    func exchanges() {
        let exchanges = APIExerciseCheck.exchanges(task(), requests: [Self.read, Self.plainPost, APIRequest(method: "GET", path: "/nowhere")])
        #expect(exchanges.map(\.route) == ["get-order", "create-order", nil])
        #expect(exchanges.map(\.response.status) == [200, 422, 404])
    }
}
