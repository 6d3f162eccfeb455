import CampusCore
import FluentKit
import Logging
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusBilling
@testable import CampusCatalog
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusServer

@Suite("Billing: checkout, webhooks, entitlements, refunds and renewals")
struct BillingTests {
    static let engines = TestEngine.available.filter { $0 != .mongo }
    static let returnURL = "https://app.example.com/billing/return"

    func checkout(_ campus: TestCampus, token: String, key: String = UUID().uuidString, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await campus.request(.POST, "/api/v1/billing/checkout", json: body, token: token, headers: [("Idempotency-Key", key)])
    }

    func deliver(_ campus: TestCampus, stripe event: [String: Any]) async throws -> TestingHTTPResponse {
        try await campus.request(.POST, "/api/v1/billing/webhooks/stripe", rawBody: try #require(event["payload"] as? String),
                                 headers: [("Stripe-Signature", try #require(event["signature"] as? String))])
    }

    func events(_ answer: [String: Any]) throws -> [[String: Any]] {
        try #require(answer["events"] as? [[String: Any]], "fake answered \(answer)")
    }

    /// The provider's id of a started checkout: the last part of its payment page's address.
    func pageID(_ started: TestingHTTPResponse) throws -> String {
        try #require((started.jsonObject["confirmation_url"] as? String)?.split(separator: "/").last.map(String.init), "\(started.body.string)")
    }

    /// The object a delivered Stripe event is about (`data.object`).
    func eventObject(_ event: [String: Any]?) throws -> [String: Any] {
        let payload = try #require(event?["payload"] as? String)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any])
        return try #require((parsed["data"] as? [String: Any])?["object"] as? [String: Any])
    }

    func count(_ campus: TestCampus, _ table: String, userID: UUID) async throws -> Int {
        try await campus.app.campusDB.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE user_id = \(bind: userID)")
            .first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test("a paid course: checkout is idempotent per key, 50 parallel deliveries of its event grant once, and the course opens",
          arguments: engines)
    func purchase(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 99_000)
            let student = try await campus.user()
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .paymentRequired)

            let missingKey = try await campus.request(.POST, "/api/v1/billing/checkout", json: ["course_id": "fixture", "provider": "stripe",
                                                      "return_url": Self.returnURL], token: student.token)
            #expect(missingKey.status == .unprocessableEntity)
            #expect((missingKey.jsonObject["errors"] as? [[String: Any]])?.first?["field"] as? String == "Idempotency-Key")
            let elsewhere = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "stripe", "return_url": "https://evil.example/x"])
            #expect(elsewhere.status == .unprocessableEntity && elsewhere.body.string.contains("return_url"))
            let unknownProvider = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "paypal", "return_url": Self.returnURL])
            #expect(unknownProvider.status == .unprocessableEntity && unknownProvider.body.string.contains("provider"))

            let body: [String: Any] = ["course_id": "fixture", "provider": "stripe", "return_url": Self.returnURL]
            let first = try await checkout(campus, token: student.token, key: "key-1", body)
            #expect(first.status == .created, "\(first.body.string)")
            let paymentID = try #require(first.jsonObject["payment_id"] as? String)
            #expect(first.jsonObject["amount_minor"] as? Int == 99_000 && first.jsonObject["currency"] as? String == "RUB")
            let url = try #require(first.jsonObject["confirmation_url"] as? String)
            let again = try await checkout(campus, token: student.token, key: "key-1", body)
            #expect(again.status == .ok && again.jsonObject["payment_id"] as? String == paymentID)
            var changed = body
            changed["return_url"] = Self.returnURL + "?other"
            let reused = try await checkout(campus, token: student.token, key: "key-1", changed)
            #expect(reused.status == .unprocessableEntity && reused.problemType?.hasSuffix("idempotency-key-reused") == true)
            #expect(try await count(campus, "payments", userID: student.id) == 1)

            // The provider completes the session; the same event arrives 50 times at once.
            let session = try #require(url.split(separator: "/").last.map(String.init))
            let completed = try events(try await fake.control("/_fake/stripe/checkout/\(session)/complete", on: campus.app))
            let event = try #require(completed.first { $0["type"] as? String == "checkout.session.completed" })
            let app = campus.app
            let payload = try #require(event["payload"] as? String)
            var headers = HTTPHeaders([("Stripe-Signature", try #require(event["signature"] as? String))])
            headers.contentType = .json
            let answers = try await withThrowingTaskGroup(of: (UInt, String).self) { [headers] group in
                for _ in 0..<50 {
                    group.addTask {
                        let response = try await app.testing().sendRequest(.POST, "/api/v1/billing/webhooks/stripe", headers: headers,
                                                                           body: ByteBuffer(string: payload))
                        return (response.status.code, response.jsonObject["status"] as? String ?? response.body.string)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.0 == 200 }, "\(answers.filter { $0.0 != 200 })")
            #expect(answers.filter { $0.1 == "processed" }.count == 1)
            #expect(answers.filter { $0.1 == "already_processed" }.count == 49)
            #expect(try await count(campus, "payments", userID: student.id) == 1)
            #expect(try await count(campus, "entitlements", userID: student.id) == 1)

            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .ok)
            let payments = try await campus.request(.GET, "/api/v1/users/me/payments", token: student.token)
            let listed = try #require((payments.jsonObject["items"] as? [[String: Any]])?.first)
            #expect(listed["status"] as? String == "succeeded" && listed["amount_minor"] as? Int == 99_000)
            let entitlements = try await campus.request(.GET, "/api/v1/users/me/entitlements", token: student.token)
            #expect((entitlements.jsonArray.first as? [String: Any])?["active"] as? Bool == true)
            let buyAgain = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "stripe", "return_url": Self.returnURL])
            #expect(buyAgain.status == .conflict)
            // What Campus sent to the provider carried its own idempotency key.
            let requests = try #require(try await fake.get("/_fake/requests", on: campus.app) as? [[String: Any]])
            #expect(requests.contains { ($0["idempotency_key"] as? String)?.contains(paymentID.lowercased()) == true })
            #expect(!payments.body.string.contains(FakePayments.stripeKey) && !first.body.string.contains(FakePayments.stripeKey))
        }
    }

    @Test("refunds go through the provider: a partial one keeps the course open, the rest closes it; the revenue report nets them",
          arguments: engines)
    func refunds(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 50_000)
            let admin = try await campus.user(.admin)
            let student = try await campus.user()
            let started = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "yookassa", "return_url": Self.returnURL])
            #expect(started.status == .created, "\(started.body.string)")
            let paymentID = try #require(started.jsonObject["payment_id"] as? String)
            let providerID = try pageID(started)
            let notice = try #require(try await fake.control("/_fake/yookassa/payments/\(providerID)/succeed", on: campus.app)["notification"])
            let webhook = YooKassaWebhook(campus.billingContext)
            let answer = try await webhook.receive(body: try JSONSerialization.data(withJSONObject: notice), from: "185.71.76.10")
            #expect(answer.status == "processed")
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)

            #expect(try await campus.request(.POST, "/api/v1/admin/payments/\(paymentID)/refund", json: ["amount": 10_000], token: student.token).status == .forbidden)
            let tooMuch = try await campus.request(.POST, "/api/v1/admin/payments/\(paymentID)/refund", json: ["amount": 60_000], token: admin.token)
            #expect(tooMuch.status == .unprocessableEntity && tooMuch.body.string.contains("amount"))
            let partial = try await campus.request(.POST, "/api/v1/admin/payments/\(paymentID)/refund", json: ["amount": 10_000], token: admin.token)
            #expect(partial.status == .ok, "\(partial.body.string)")
            #expect(partial.jsonObject["payment_status"] as? String == "partially_refunded")
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .ok)
            let rest = try await campus.request(.POST, "/api/v1/admin/payments/\(paymentID)/refund", json: [:], token: admin.token)
            #expect(rest.jsonObject["payment_status"] as? String == "refunded" && rest.jsonObject["amount_minor"] as? Int == 40_000)
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .paymentRequired)
            #expect(try await campus.request(.POST, "/api/v1/admin/payments/\(paymentID)/refund", json: [:], token: admin.token).status == .conflict)

            let today = String(UTCTimestamp.string(from: campus.clock.now).prefix(10))
            let tomorrow = String(UTCTimestamp.string(from: campus.clock.now.addingTimeInterval(86_400)).prefix(10))
            let report = try await campus.request(.GET, "/api/v1/admin/reports/revenue?from=\(today)&to=\(tomorrow)&group=course", token: admin.token)
            #expect(report.status == .ok, "\(report.body.string)")
            let row = try #require((report.jsonObject["rows"] as? [[String: Any]])?.first)
            #expect(row["key"] as? String == "fixture" && row["currency"] as? String == "RUB")
            #expect(row["gross_minor"] as? Int == 50_000 && row["refunded_minor"] as? Int == 50_000 && row["net_minor"] as? Int == 0)
            let badGroup = try await campus.request(.GET, "/api/v1/admin/reports/revenue?from=\(today)&to=\(today)&group=week", token: admin.token)
            #expect(badGroup.status == .unprocessableEntity && badGroup.body.string.contains("group") && badGroup.body.string.contains("\"to\""))
        }
    }

    @Test("a bad, stale or missing signature or a body changed after signing is 400 and changes nothing; an unknown type is 200 and ignored",
          arguments: engines)
    func signatures(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 1_000)
            let student = try await campus.user()
            let started = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "stripe", "return_url": Self.returnURL])
            let session = try pageID(started)
            let event = try #require(try events(try await fake.control("/_fake/stripe/checkout/\(session)/complete", on: campus.app)).first)
            let payload = try #require(event["payload"] as? String)
            let signature = try #require(event["signature"] as? String)
            let stale = StripeSignature.header(payload: Data(payload.utf8), secret: FakePayments.webhookSecret,
                                               timestamp: Int64(campus.clock.now.timeIntervalSince1970) - 400)
            let foreign = StripeSignature.header(payload: Data(payload.utf8), secret: "whsec_someone_else",
                                                 timestamp: Int64(campus.clock.now.timeIntervalSince1970))
            let tampered = payload.replacingOccurrences(of: "\"paid\"", with: "\"paid\" ")
            for (body, header) in [(payload, nil), (payload, "t=1,v1=zz"), (payload, stale), (payload, foreign), (tampered, signature)] as [(String, String?)] {
                let response = try await campus.request(.POST, "/api/v1/billing/webhooks/stripe", rawBody: body,
                                                        headers: header.map { [("Stripe-Signature", $0)] } ?? [])
                #expect(response.status == .badRequest)
                #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            }
            #expect(try await count(campus, "entitlements", userID: student.id) == 0)
            let unknown = #"{"id":"evt_unknown_1","type":"customer.created","data":{"object":{"id":"cus_1"}}}"#
            let ignored = try await campus.request(.POST, "/api/v1/billing/webhooks/stripe", rawBody: unknown,
                                                   headers: [("Stripe-Signature", StripeSignature.header(payload: Data(unknown.utf8), secret: FakePayments.webhookSecret,
                                                                                                         timestamp: Int64(campus.clock.now.timeIntervalSince1970)))])
            #expect(ignored.status == .ok && ignored.jsonObject["status"] as? String == "ignored")
            // The genuine delivery still works afterwards.
            #expect(try await deliver(campus, stripe: event).jsonObject["status"] as? String == "processed")
        }
    }

    @Test("events out of order end in the right state: a subscription deleted before its invoice.paid stays ended; a refund before the success grants nothing",
          arguments: engines)
    func outOfOrder(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 1_000)
            let admin = try await campus.user(.admin)
            let created = try await campus.request(.POST, "/api/v1/admin/plans", json: [
                "code": "all-monthly", "title": ["en": "All courses", "ru": "Все курсы"], "price_minor": 99_000, "currency": "RUB",
                "period": "month", "unlocks": "all", "description": NSNull(), "status": NSNull(),
            ], token: admin.token)
            #expect(created.status == .created, "\(created.body.string)")
            let student = try await campus.user()
            let started = try await checkout(campus, token: student.token, ["plan_code": "all-monthly", "provider": "stripe", "return_url": Self.returnURL])
            #expect(started.status == .created, "\(started.body.string)")
            let session = try pageID(started)
            let completion = try events(try await fake.control("/_fake/stripe/checkout/\(session)/complete", on: campus.app))
            let subscriptionID = try #require(try eventObject(completion.first)["subscription"] as? String)
            let deleted = try events(try await fake.control("/_fake/stripe/subscriptions/\(subscriptionID)/delete", on: campus.app))
            for event in deleted + completion {
                #expect(try await deliver(campus, stripe: event).status == .ok)
            }
            let subscriptions = try await campus.request(.GET, "/api/v1/users/me/subscriptions", token: student.token)
            #expect((subscriptions.jsonArray.first as? [String: Any])?["status"] as? String == "canceled")
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .paymentRequired)

            // A refund reported before the payment's success.
            let buyer = try await campus.user()
            let purchase = try await checkout(campus, token: buyer.token, ["course_id": "fixture", "provider": "stripe", "return_url": Self.returnURL])
            let purchaseSession = try pageID(purchase)
            let paid = try events(try await fake.control("/_fake/stripe/checkout/\(purchaseSession)/complete", on: campus.app))
            let intent = try #require(try eventObject(paid.first)["payment_intent"] as? String)
            let refunded = try events(try await fake.control("/_fake/stripe/payment_intents/\(intent)/refund", on: campus.app))
            for event in refunded + paid {
                #expect(try await deliver(campus, stripe: event).status == .ok)
            }
            let payments = try await campus.request(.GET, "/api/v1/users/me/payments", token: buyer.token)
            #expect((payments.jsonObject["items"] as? [[String: Any]])?.first?["status"] as? String == "refunded")
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: buyer.token).status == .paymentRequired)
        }
    }

    @Test("YooKassa: only its networks are heard, and only what the re-fetched payment says counts; the amount is Campus's",
          arguments: engines)
    func yookassa(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 25_000)
            let student = try await campus.user()
            let started = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "yookassa", "return_url": Self.returnURL])
            #expect(started.status == .created, "\(started.body.string)")
            let providerID = try pageID(started)
            // A forged "succeeded" for a payment YooKassa still has pending.
            let forged: [String: Any] = ["type": "notification", "event": "payment.succeeded",
                                         "object": ["id": providerID, "status": "succeeded", "paid": true, "amount": ["value": "1.00", "currency": "RUB"]]]
            let outsider = try await campus.request(.POST, "/api/v1/billing/webhooks/yookassa", json: forged)
            #expect(outsider.status == .forbidden)
            let webhook = YooKassaWebhook(campus.billingContext)
            let body = try JSONSerialization.data(withJSONObject: forged)
            _ = try await webhook.receive(body: body, from: "77.75.156.11")
            #expect(try await count(campus, "entitlements", userID: student.id) == 0)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .paymentRequired)
            // Now YooKassa itself says succeeded: the same notification grants, at the amount Campus asked for.
            try await fake.control("/_fake/yookassa/payments/\(providerID)/succeed", on: campus.app)
            #expect(try await webhook.receive(body: body, from: "77.75.156.11").status == "processed")
            #expect(try await webhook.receive(body: body, from: "77.75.156.11").status == "already_processed")
            let payments = try await campus.request(.GET, "/api/v1/users/me/payments", token: student.token)
            let payment = try #require((payments.jsonObject["items"] as? [[String: Any]])?.first)
            #expect(payment["status"] as? String == "succeeded" && payment["amount_minor"] as? Int == 25_000)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
        }
    }

    /// A plan created by an admin and bought through YooKassa: checkout, the payment succeeds there, its notification arrives.
    func subscribeWithYooKassa(_ campus: TestCampus, _ fake: FakePayments, token: String, plan: [String: Any]) async throws {
        let admin = try await campus.user(.admin)
        #expect(try await campus.request(.POST, "/api/v1/admin/plans", json: plan, token: admin.token).status == .created)
        let started = try await checkout(campus, token: token, ["plan_code": try #require(plan["code"]), "provider": "yookassa", "return_url": Self.returnURL])
        let providerID = try pageID(started)
        let notice = try #require(try await fake.control("/_fake/yookassa/payments/\(providerID)/succeed", on: campus.app)["notification"])
        let answer = try await YooKassaWebhook(campus.billingContext).receive(body: try JSONSerialization.data(withJSONObject: notice), from: "185.71.77.1")
        #expect(answer.status == "processed")
    }

    @Test("YooKassa plans renew by charging the saved method once per period, retry through the grace period, then expire",
          arguments: engines)
    func renewals(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 1_000)
            let email = "renewing-\(UUID().uuidString.prefix(6).lowercased())@example.com"
            var student = try await campus.user(email: email)
            // Access tokens last 15 minutes; after the clock jumps a month the learner signs in again.
            func signIn() async throws {
                let login = try await campus.request(.POST, "/api/v1/auth/login", json: ["email": email, "password": "correct horse battery"])
                student.token = try #require(login.jsonObject["access_token"] as? String)
            }
            try await subscribeWithYooKassa(campus, fake, token: student.token, plan: [
                "code": "api-monthly", "title": "API track", "price_minor": 49_000, "currency": "RUB", "period": "month", "unlocks": "category:api",
            ])
            let billing = campus.app.billing
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
            func subscription() async throws -> [String: Any] {
                let response = try await campus.request(.GET, "/api/v1/users/me/subscriptions", token: student.token)
                return try #require(response.jsonArray.first as? [String: Any], "\(response.status) \(response.body.string)")
            }
            let firstEnd = try #require(try await subscription()["current_period_end"] as? String)
            let job = RenewalJob(database: { campus.app.campusDB }, billing: billing, clock: campus.app.platform.clock, logger: campus.app.logger)
            #expect(try await job.tick() == .init())   // nothing due yet

            campus.clock.advance(by: 30 * 86_400 + 3_600)   // within a day of the period's end
            try await signIn()
            #expect(try await job.tick().charged == 1)
            #expect(try await job.tick() == .init())   // the same period is not charged twice
            let secondEnd = try #require(try await subscription()["current_period_end"] as? String)
            #expect(secondEnd > firstEnd)

            try await fake.control("/_fake/yookassa/decline-next", on: campus.app)
            campus.clock.advance(by: 31 * 86_400 + 3_600)   // within the last day of the second period
            try await signIn()
            #expect(try await job.tick().failed == 1)
            #expect(try await subscription()["status"] as? String == "past_due")
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .ok)
            campus.clock.advance(by: 5 * 86_400)   // past the period's end and the grace period
            try await signIn()
            #expect(try await job.tick().ended == 1)
            #expect(try await subscription()["status"] as? String == "expired")
            #expect(try await campus.request(.GET, "/api/v1/lessons/lesson:fixture-2", token: student.token).status == .paymentRequired)
            let payments = try await campus.request(.GET, "/api/v1/users/me/payments", token: student.token)
            #expect((payments.jsonObject["items"] as? [[String: Any]])?.filter { $0["status"] as? String == "succeeded" }.count == 2)
        }
    }

    @Test("a provider that is down makes checkout 503 with Retry-After and loses nothing; the same key works once it is back",
          arguments: engines)
    func providerDown(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 1_000)
            let student = try await campus.user()
            try await fake.control("/_fake/down", ["down": true], on: campus.app)
            let body: [String: Any] = ["course_id": "fixture", "provider": "stripe", "return_url": Self.returnURL]
            let down = try await checkout(campus, token: student.token, key: "k", body)
            #expect(down.status == .serviceUnavailable && down.headers.first(name: "Retry-After") != nil)
            #expect(down.problemType?.hasSuffix("payment-provider-unavailable") == true)
            try await fake.control("/_fake/down", ["down": false], on: campus.app)
            let up = try await checkout(campus, token: student.token, key: "k", body)
            #expect(up.status == .created, "\(up.body.string)")
            let listed = try await campus.request(.GET, "/api/v1/users/me/payments", token: student.token)
            #expect((listed.jsonObject["items"] as? [Any])?.count == 1)
        }
    }

    @Test("a payment the provider took but Campus never recorded (a lost notification) is found and fixed by reconcile, once",
          arguments: engines)
    func reconcile(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 7_000)
            let student = try await campus.user()
            let started = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "yookassa", "return_url": Self.returnURL])
            let providerID = try pageID(started)
            try await fake.control("/_fake/yookassa/payments/\(providerID)/succeed", on: campus.app)
            let reconciler = Reconciler(campus.billingContext)
            let found = try await reconciler.run(since: campus.clock.now.addingTimeInterval(-3_600))
            #expect(found.count == 1 && found.first?.fixed == true && found.first?.campus == "pending" && found.first?.reported == "succeeded")
            #expect(try await reconciler.run(since: campus.clock.now.addingTimeInterval(-3_600)).isEmpty)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
        }
    }

    @Test("plans: admins write them (422 naming each bad field), anyone lists the active ones; a learner cancels at the period's end",
          arguments: engines)
    func plans(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 1_000)
            let admin = try await campus.user(.admin)
            let student = try await campus.user()
            #expect(try await campus.request(.POST, "/api/v1/admin/plans", json: ["code": "x"], token: student.token).status == .forbidden)
            let bad = try await campus.request(.POST, "/api/v1/admin/plans", json: ["code": "Bad Code", "price_minor": -5, "currency": "RUBL",
                                                                                   "period": "week", "unlocks": "category:nope"], token: admin.token)
            #expect(bad.status == .unprocessableEntity)
            let fields = Set((bad.jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["code", "title", "price_minor", "currency", "period", "unlocks"])
            #expect(try await campus.request(.POST, "/api/v1/admin/plans", json: ["code": "yearly", "title": "Everything", "price_minor": 990_000,
                                                                                 "currency": "rub", "period": "year", "unlocks": "all"], token: admin.token).status == .created)
            #expect(try await campus.request(.POST, "/api/v1/admin/plans", json: ["code": "old", "title": "Old", "price_minor": 100,
                                                                                 "currency": "RUB", "period": "month", "status": "retired"], token: admin.token).status == .created)
            let listed = try await campus.request(.GET, "/api/v1/plans")
            let codes = listed.jsonArray.compactMap { ($0 as? [String: Any])?["code"] as? String }
            #expect(codes == ["yearly"])
            let plan = try #require(listed.jsonArray.first as? [String: Any])
            #expect(plan["currency"] as? String == "RUB" && (plan["providers"] as? [String]) == ["stripe", "yookassa"])
            #expect(try await campus.request(.PATCH, "/api/v1/admin/plans/yearly", json: ["price_minor": 890_000], token: admin.token)
                .jsonObject["price_minor"] as? Int == 890_000)

            let started = try await checkout(campus, token: student.token, ["plan_code": "yearly", "provider": "stripe", "return_url": Self.returnURL])
            let session = try pageID(started)
            for event in try events(try await fake.control("/_fake/stripe/checkout/\(session)/complete", on: campus.app)) {
                #expect(try await deliver(campus, stripe: event).status == .ok)
            }
            let subscription = try #require(try await campus.request(.GET, "/api/v1/users/me/subscriptions", token: student.token).jsonArray.first as? [String: Any])
            #expect(subscription["status"] as? String == "active" && subscription["plan_code"] as? String == "yearly")
            let id = try #require(subscription["id"] as? String)
            let other = try await campus.user()
            #expect(try await campus.request(.POST, "/api/v1/users/me/subscriptions/\(id)/cancel", token: other.token).status == .notFound)
            let canceled = try await campus.request(.POST, "/api/v1/users/me/subscriptions/\(id)/cancel", token: student.token)
            #expect(canceled.status == .ok && canceled.jsonObject["cancel_at_period_end"] as? Bool == true)
            #expect(canceled.jsonObject["status"] as? String == "active")
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
            #expect(try await campus.request(.DELETE, "/api/v1/admin/plans/yearly", token: admin.token).status == .noContent)
            #expect(try await campus.request(.GET, "/api/v1/plans").jsonArray.isEmpty)
        }
    }

    @Test("Campus dies after YooKassa charged a renewal and before it recorded the charge: reconcile records it, and the period is charged once",
          arguments: engines)
    func crashAfterCharge(engine: TestEngine) async throws {
        try await withBilling(engine) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 1_000)
            let student = try await campus.user()
            try await subscribeWithYooKassa(campus, fake, token: student.token, plan: [
                "code": "all-monthly", "title": "All", "price_minor": 30_000, "currency": "RUB", "period": "month", "unlocks": "all",
            ])
            let billing = campus.app.billing
            let end = try await campus.app.campusDB.sql.raw("SELECT current_period_end FROM subscriptions").first()?.decode(column: "current_period_end", as: Date.self)

            campus.clock.advance(by: 30 * 86_400 + 3_600)
            let dying = BillingServices(settings: billing.settings, providers: [.yookassa: DiesAfterCharging(base: try #require(billing.providers[.yookassa]))])
            let crashing = RenewalJob(database: { campus.app.campusDB }, billing: dying, clock: campus.app.platform.clock, logger: campus.app.logger)
            await #expect(throws: DiesAfterCharging.Died.self) { try await crashing.tick() }
            let charges = { try await fake.get("/_fake/requests", on: campus.app) as? [[String: Any]] ?? [] }
            let chargesBefore = try await charges().filter { $0["method"] as? String == "POST" && $0["path"] as? String == "/v3/payments" }.count

            let reconciler = Reconciler(campus.billingContext)
            let found = try await reconciler.run(since: campus.clock.now.addingTimeInterval(-40 * 86_400))
            #expect(found.map(\.fixed) == [true] && found.first?.campus == "pending" && found.first?.reported == "succeeded")
            let extended = try await campus.app.campusDB.sql.raw("SELECT current_period_end FROM subscriptions").first()?.decode(column: "current_period_end", as: Date.self)
            #expect(try #require(extended) > (try #require(end)).addingTimeInterval(27 * 86_400))
            // The next pass finds the period paid: no second charge for it.
            let job = RenewalJob(database: { campus.app.campusDB }, billing: billing, clock: campus.app.platform.clock, logger: campus.app.logger)
            #expect(try await job.tick() == .init())
            #expect(try await charges().filter { $0["method"] as? String == "POST" && $0["path"] as? String == "/v3/payments" }.count == chargesBefore)
            #expect(try await reconciler.run(since: campus.clock.now.addingTimeInterval(-40 * 86_400)).isEmpty)
        }
    }

    @Test("no log line, at any level, carries a provider key, a webhook secret or the Basic credentials", arguments: [TestEngine.sqlite])
    func secretsNotLogged(engine: TestEngine) async throws {
        let capture = LogCapture()
        var logger = Logger(label: "campus.test") { _ in RedactingLogHandler(capture) }
        logger.logLevel = .trace
        try await withBilling(engine, logger: logger) { campus, fake in
            try await LearningFixtures.load(into: campus, priceCents: 5_000)
            let admin = try await campus.user(.admin)
            let student = try await campus.user()
            let stripe = try await checkout(campus, token: student.token, ["course_id": "fixture", "provider": "stripe", "return_url": Self.returnURL])
            let session = try pageID(stripe)
            for event in try events(try await fake.control("/_fake/stripe/checkout/\(session)/complete", on: campus.app)) {
                #expect(try await deliver(campus, stripe: event).status == .ok)
            }
            let paymentID = try #require(stripe.jsonObject["payment_id"] as? String)
            #expect(try await campus.request(.POST, "/api/v1/admin/payments/\(paymentID)/refund", json: [:], token: admin.token).status == .ok)
            let other = try await campus.user()
            #expect(try await checkout(campus, token: other.token, ["course_id": "fixture", "provider": "yookassa", "return_url": Self.returnURL]).status == .created)
            let text = capture.text
            #expect(text.contains("refund made") && text.contains("INSERT INTO payments"), "billing and its SQL are logged at these levels")
            let basic = Data("\(FakePayments.shopID):\(FakePayments.yookassaKey)".utf8).base64EncodedString()
            for secret in [FakePayments.stripeKey, FakePayments.webhookSecret, FakePayments.yookassaKey, basic] {
                #expect(!text.contains(secret), "a log line carries \(secret.prefix(6))…")
            }
        }
    }
}

/// Charges through the real provider, then dies before Campus can record the charge (as a killed process would).
struct DiesAfterCharging: PaymentProvider {
    struct Died: Error {}
    let base: any PaymentProvider
    var name: ProviderName { base.name }
    func startCheckout(_ order: CheckoutOrder) async throws -> CheckoutStarted { try await base.startCheckout(order) }
    func payment(_ providerPaymentID: String) async throws -> ProviderPayment? { try await base.payment(providerPaymentID) }
    func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> ProviderRefund {
        try await base.refund(reference: reference, amount: amount, idempotencyKey: idempotencyKey)
    }
    func cancelAtPeriodEnd(providerSubscriptionID: String) async throws { try await base.cancelAtPeriodEnd(providerSubscriptionID: providerSubscriptionID) }
    func chargeSaved(methodID: String, order: CheckoutOrder, idempotencyKey: String) async throws -> ProviderPayment? {
        _ = try await base.chargeSaved(methodID: methodID, order: order, idempotencyKey: idempotencyKey)
        throw Died()
    }
    func payments(since: Date) async throws -> [ProviderPayment] { try await base.payments(since: since) }
}

extension TestCampus {
    var billingContext: BillingContext {
        BillingContext(database: app.campusDB, billing: app.billing, clock: app.platform.clock, logger: app.logger)
    }
}
