import CampusAccounts
import CampusCore
import CampusPlatform
import Foundation
import Vapor

/// `/api/v1/plans`, `/api/v1/billing/checkout`, the providers' webhooks and the learner's own billing
/// under `/api/v1/users/me`.
package struct BillingRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        routes.get("plans", use: plans)
        let billing = routes.grouped("billing")
        billing.grouped(RequireAuth()).post("checkout", use: checkout)
        billing.post("webhooks", "stripe", use: stripe)
        billing.post("webhooks", "yookassa", use: yookassa)
        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get("payments", use: payments)
        me.get("subscriptions", use: subscriptions)
        me.post("subscriptions", ":id", "cancel", use: cancel)
        me.get("entitlements", use: entitlements)
    }

    @Sendable func plans(req: Request) async throws -> [PlanDTO] {
        let offered = req.billing.offered
        return try await BillingStore(database: req.campusDB).plans(includeRetired: false).map {
            PlanDTO($0, language: req.contentLanguage, providers: offered)
        }
    }

    struct CheckoutBody: Content {
        var courseID: String?
        var planCode: String?
        var provider: String?
        var returnURL: String?

        enum CodingKeys: String, CodingKey {
            case provider
            case courseID = "course_id"
            case planCode = "plan_code"
            case returnURL = "return_url"
        }
    }

    @Sendable func checkout(req: Request) async throws -> Response {
        let body = try req.content.decode(CheckoutBody.self)
        var check = FieldValidator()
        let key = req.headers.first(name: "Idempotency-Key") ?? ""
        if key.isEmpty || key.count > 255 || !key.allSatisfy({ $0.isASCII && !$0.isNewline && $0 != "\0" }) {
            check.fail("Idempotency-Key", "header is required: 1–255 printable ASCII characters, new for each checkout")
        }
        let course = body.courseID?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let plan = body.planCode?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if (course == nil) == (plan == nil) { check.fail(course == nil ? "course_id" : "plan_code", "give exactly one of course_id and plan_code") }
        if let course, course.count > 200 { check.fail("course_id", "must be at most 200 characters") }
        if let plan, plan.count > 64 { check.fail("plan_code", "must be at most 64 characters") }
        let provider = check.required("provider", body.provider, maxLength: 32)
        let returnURL = check.required("return_url", body.returnURL, maxLength: 2_000)
        try check.throwIfInvalid()
        let config = req.platform.config
        let service = CheckoutService(database: req.campusDB, billing: req.billing, clock: req.platform.clock,
                                      allowedOrigins: config.allowedOrigins,
                                      ownOrigins: ["http://127.0.0.1:\(config.port)", "http://localhost:\(config.port)"], logger: req.logger)
        let result = try await service.checkout(.init(courseRef: course, planCode: plan, provider: provider!, returnURL: returnURL!),
                                                idempotencyKey: key, caller: try req.requireAuth())
        let response = Response(status: result.created ? .created : .ok)
        try response.content.encode(result.body)
        return response
    }

    @Sendable func stripe(req: Request) async throws -> WebhookAnswerDTO {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        return try await StripeWebhook(req.billingContext)
            .receive(body: body, signature: req.headers.first(name: "Stripe-Signature"))
    }

    @Sendable func yookassa(req: Request) async throws -> WebhookAnswerDTO {
        let body = req.body.data.map { Data(buffer: $0) } ?? Data()
        return try await YooKassaWebhook(req.billingContext)
            .receive(body: body, from: req.clientAddress)
    }

    @Sendable func payments(req: Request) async throws -> Page<PaymentDTO> {
        let page = try PageRequest(req)
        let rows = try await BillingStore(database: req.campusDB).payments(userID: try req.requireAuth().userID, after: try page.afterUUID(), limit: page.limit)
        return Page(items: rows.map(PaymentDTO.init), nextCursor: page.nextCursor(rows.last?.id, count: rows.count))
    }

    @Sendable func subscriptions(req: Request) async throws -> [SubscriptionDTO] {
        let store = BillingStore(database: req.campusDB)
        let plans = Dictionary(uniqueKeysWithValues: try await store.plans(includeRetired: true).map { ($0.id, $0.code) })
        return try await store.subscriptions(userID: try req.requireAuth().userID)
            .filter { $0.state.status != .incomplete }
            .map { SubscriptionDTO($0, planCode: plans[$0.planID]) }
    }

    @Sendable func cancel(req: Request) async throws -> SubscriptionDTO {
        let caller = try req.requireAuth()
        guard let id = UUID(uuidString: try req.parameters.require("id")) else { throw BillingError.subscriptionNotFound }
        return try await SubscriptionService(req.billingContext)
            .cancelAtPeriodEnd(id, caller: caller)
    }

    @Sendable func entitlements(req: Request) async throws -> [EntitlementDTO] {
        let now = req.platform.clock.now()
        return try await BillingStore(database: req.campusDB).entitlements(userID: try req.requireAuth().userID).map { EntitlementDTO($0, now: now) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
