import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Crypto
import FluentKit
import Foundation
import Logging

/// Starts a purchase or a subscription at a provider. The learner's `Idempotency-Key` makes a retried
/// request answer what the first one did; the Campus payment id is the provider's idempotency key, so
/// one Campus payment is never two provider payments.
package struct CheckoutService: Sendable {
    let database: any Database
    let billing: BillingServices
    let clock: CampusClock
    let allowedOrigins: [String]
    let ownOrigins: [String]
    let logger: Logger

    package init(database: any Database, billing: BillingServices, clock: CampusClock, allowedOrigins: [String], ownOrigins: [String], logger: Logger) {
        self.database = database
        self.billing = billing
        self.clock = clock
        self.allowedOrigins = allowedOrigins
        self.ownOrigins = ownOrigins
        self.logger = logger
    }

    package struct Request: Sendable {
        package var courseRef: String?
        package var planCode: String?
        package var provider: String
        package var returnURL: String
    }

    /// The answer's body, and whether this call created it (201) or repeated it (200).
    package func checkout(_ request: Request, idempotencyKey: String, caller: AuthContext) async throws -> (body: CheckoutDTO, created: Bool) {
        let hash = Self.hash(request)
        if let earlier = try await earlierAnswer(userID: caller.userID, key: idempotencyKey, hash: hash) { return (earlier, false) }
        let provider = try billing.provider(request.provider)
        try checkReturnURL(request.returnURL)
        let now = clock.now()
        let store = BillingStore(database: database)
        let paymentID = UUID.v7()
        var order: CheckoutOrder
        var subscriptionID: UUID?
        var plan: PlanRecord?
        var courseID: UUID?
        if let courseRef = request.courseRef {
            guard let course = try await CourseDirectory(database: database).find(courseRef), course.statusValue == .published else {
                throw CatalogError.courseNotFound
            }
            guard !course.isFree, let price = course.priceCents, let currency = course.currency else { throw BillingError.courseIsFree }
            courseID = try course.requireID()
            if try await store.covers(userID: caller.userID, courseID: courseID!, categoryID: course.categoryID, at: now) { throw BillingError.alreadyEntitled }
            order = CheckoutOrder(paymentID: paymentID, userID: caller.userID, email: nil, amount: Money(minor: Int64(price), currency: currency),
                                  description: course.title, returnURL: request.returnURL, recurring: nil, subscriptionID: nil)
        } else {
            guard let code = request.planCode, let found = try await store.plan(code: code), found.status == .active else { throw BillingError.planNotFound }
            if try await store.subscriptions(userID: caller.userID).contains(where: { $0.planID == found.id && $0.state.status.grantsAccess }) {
                throw BillingError.alreadySubscribed
            }
            plan = found
            subscriptionID = UUID.v7()
            order = CheckoutOrder(paymentID: paymentID, userID: caller.userID, email: nil, amount: found.price,
                                  description: found.title.text(in: .en), returnURL: request.returnURL, recurring: found.period,
                                  subscriptionID: subscriptionID)
        }
        order.email = try await UserSnapshot.load(caller.userID, on: database)?.email

        // The key, the payment and its subscription are written together first: a parallel retry with the
        // same key waits on the key's unique index instead of starting a second payment.
        let claimed: Bool = try await database.transaction { [plan, subscriptionID, courseID, order] database in
            let store = BillingStore(database: database)
            let inserted = try await database.sql.raw("""
                INSERT INTO checkout_requests (user_id, idempotency_key, request_hash, payment_id, created_at)
                VALUES (\(bind: caller.userID), \(bind: idempotencyKey), \(bind: hash), \(bind: paymentID), \(bind: now))
                ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING payment_id
                """).first()
            guard inserted != nil else { return false }
            if let plan, let subscriptionID {
                try await store.insertSubscription(id: subscriptionID, userID: caller.userID, planID: plan.id, provider: provider.name, at: now)
            }
            try await store.insert(PaymentRecord(id: paymentID, userID: caller.userID, provider: provider.name, kind: plan == nil ? .course : .plan,
                                                 courseID: courseID, planID: plan?.id, subscriptionID: subscriptionID, amount: order.amount),
                                   idempotencyKey: nil, at: now)
            return true
        }
        guard claimed else {
            if let earlier = try await earlierAnswer(userID: caller.userID, key: idempotencyKey, hash: hash) { return (earlier, false) }
            throw BillingError.checkoutInProgress
        }

        let started: CheckoutStarted
        do {
            started = try await provider.startCheckout(order)
        } catch {
            // Nothing was bought: forget the attempt so the same key can be tried again.
            try await database.transaction { [subscriptionID] database in
                try await database.sql.raw("""
                    DELETE FROM checkout_requests WHERE user_id = \(bind: caller.userID) AND idempotency_key = \(bind: idempotencyKey)
                    """).run()
                try await BillingStore(database: database).discard(paymentID: paymentID, at: now)
                if let subscriptionID {
                    try await database.sql.raw("UPDATE subscriptions SET deleted_at = \(bind: now) WHERE id = \(bind: subscriptionID)").run()
                }
            }
            logger.warning("billing: checkout not started", metadata: ["provider": "\(provider.name.rawValue)", "reason": "\(error)"])
            if let refused = error as? PaymentProviderRefused { throw BillingError.providerRefused(refused.reason) }
            throw BillingError.providerUnavailable
        }
        let body = CheckoutDTO(paymentID: paymentID, provider: provider.name.rawValue, confirmationURL: started.confirmationURL,
                               amountMinor: order.amount.minor, currency: order.amount.currency, subscriptionID: subscriptionID)
        try await database.transaction { database in
            try await database.sql.raw("""
                UPDATE payments SET provider_payment_id = \(bind: started.providerPaymentID), confirmation_url = \(bind: started.confirmationURL),
                    updated_at = \(bind: now)
                WHERE id = \(bind: paymentID)
                """).run()
            try await database.sql.raw("""
                UPDATE checkout_requests SET response = \(bind: String(decoding: try JSONEncoder.campus.encode(body), as: UTF8.self))
                WHERE user_id = \(bind: caller.userID) AND idempotency_key = \(bind: idempotencyKey)
                """).run()
        }
        return (body, true)
    }

    private func earlierAnswer(userID: UUID, key: String, hash: String) async throws -> CheckoutDTO? {
        guard let row = try await database.sql.raw("""
            SELECT request_hash, response FROM checkout_requests WHERE user_id = \(bind: userID) AND idempotency_key = \(bind: key)
            """).first() else { return nil }
        guard try row.decode(column: "request_hash", as: String.self) == hash else { throw BillingError.idempotencyKeyReused }
        guard let response = try row.decode(column: "response", as: String?.self) else { throw BillingError.checkoutInProgress }
        return try JSONDecoder.campus.decode(CheckoutDTO.self, from: Data(response.utf8))
    }

    static func hash(_ request: Request) -> String {
        let canonical = [request.courseRef ?? "", request.planCode ?? "", request.provider, request.returnURL].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(canonical.utf8)).hexString
    }

    /// The learner comes back only to an origin Campus trusts: no open redirect through a payment page.
    func checkReturnURL(_ raw: String) throws {
        guard let url = URLComponents(string: raw), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              let host = url.host?.lowercased(), !host.isEmpty, url.user == nil, url.password == nil else {
            throw Problem.validation(field: "return_url", "must be an absolute http(s) URL")
        }
        let origin = "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        let trusted = (allowedOrigins.isEmpty ? ownOrigins : allowedOrigins).map { $0.lowercased().trimmingSuffix("/") }
        guard trusted.contains(origin) else {
            throw Problem.validation(field: "return_url", "must be on an allowed origin (CAMPUS_ALLOWED_ORIGINS): \(trusted.joined(separator: ", "))")
        }
    }
}
