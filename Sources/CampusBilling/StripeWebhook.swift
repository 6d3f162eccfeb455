import CampusAccounts
import CampusCore
import CampusPlatform
import Crypto
import FluentKit
import Foundation
import Logging

/// `POST /api/v1/billing/webhooks/stripe`: verified over the raw bytes before anything is parsed, then
/// processed once per event id inside one transaction with the inbox row that records it.
package struct StripeWebhook: BillingWork {
    package let context: BillingContext

    package init(_ context: BillingContext) {
        self.context = context
    }

    static let handled: Set<String> = [
        "checkout.session.completed", "invoice.paid", "invoice.payment_failed",
        "customer.subscription.updated", "customer.subscription.deleted", "charge.refunded",
    ]

    package func receive(body: Data, signature: String?) async throws -> WebhookAnswerDTO {
        // Not configured here: the route is as good as absent.
        guard billing.providers[.stripe] != nil else { throw Problem.notFound("The Stripe webhook") }
        guard let signature, !signature.isEmpty else { throw BillingError.badSignature("the header is missing") }
        let now = clock.now()
        do {
            try StripeSignature.verify(header: signature, payload: body, secrets: billing.settings.stripeWebhookSecrets, now: now)
        } catch {
            switch error {
            case .malformedHeader: throw BillingError.badSignature("the header is malformed")
            case .outsideTolerance: throw BillingError.badSignature("the timestamp is outside the 5-minute tolerance (a replay?)")
            case .mismatch: throw BillingError.badSignature("no signature matches the body")
            }
        }
        guard let event = try? JSONValue.parse(body), let id = event["id"]?.stringValue, !id.isEmpty, id.count <= 255,
              let type = event["type"]?.stringValue, let object = event["data"]?["object"], object.objectValue != nil else {
            throw Problem.validation(field: "body", "must be a Stripe event with id, type and data.object")
        }
        guard Self.handled.contains(type) else {
            logger.info("billing: Stripe event type not handled; ignored", metadata: ["type": "\(type)", "event_id": "\(id)"])
            return WebhookAnswerDTO(status: "ignored", detail: "event type \(type) is not handled")
        }
        let hash = SHA256.hash(data: body).hexString
        let grace = billing.settings.gracePeriod
        return try await database.transaction { database in
            let store = BillingStore(database: database)
            guard try await store.claimEvent(provider: .stripe, eventID: id, type: type, payloadHash: hash, at: now) else {
                return WebhookAnswerDTO(status: "already_processed", detail: nil)
            }
            let outcome = try await process(type, object, ledger: BillingLedger(database: database, now: now, grace: grace), store: store, now: now)
            if outcome == .unknownPayment {
                // Not Campus's (or not yet known): recorded so a redelivery is answered the same; reconcile finds real misses.
                logger.notice("billing: Stripe event names no Campus payment", metadata: ["type": "\(type)", "event_id": "\(id)"])
            }
            try await store.finishEvent(provider: .stripe, eventID: id, outcome: outcome.rawValue, at: now)
            return WebhookAnswerDTO(status: outcome == .unknownPayment ? "ignored" : "processed",
                                    detail: outcome == .unknownPayment ? "no Campus payment or subscription matches" : nil)
        }
    }

    private func process(_ type: String, _ object: JSONValue, ledger: BillingLedger, store: BillingStore, now: Date) async throws -> BillingLedger.Outcome {
        switch type {
        case "checkout.session.completed":
            guard let report = StripeProvider.payment(fromSession: object) else { return .unknownPayment }
            return try await ledger.apply(report, from: .stripe, to: report.campusPaymentID, logger: logger)
        case "charge.refunded":
            let refunds = (object["refunds"]?["data"]?.arrayValue ?? []).compactMap { refund -> (id: String, amount: Int64)? in
                guard refund["status"]?.stringValue != "failed", let id = refund["id"]?.stringValue, let amount = refund["amount"]?.intValue else { return nil }
                return (id, Int64(amount))
            }
            return try await ledger.applyRefund(total: Int64(object["amount_refunded"]?.intValue ?? 0), reference: object["payment_intent"]?.stringValue,
                                                paymentID: object["metadata"]?["campus_payment_id"]?.stringValue.flatMap(UUID.init(uuidString:)),
                                                provider: .stripe, refunds: refunds)
        case "invoice.paid", "invoice.payment_failed":
            guard let subscription = try await subscription(metadata: Self.invoiceMetadata(object), providerID: Self.invoiceSubscription(object), store: store)
            else { return .unknownPayment }
            if type == "invoice.payment_failed" { return try await ledger.apply(.paymentFailed, to: subscription.id) }
            let lines = object["lines"]?["data"]?.arrayValue?.first
            guard let end = (lines?["period"]?["end"]?.intValue ?? object["period_end"]?.intValue) else { return .unknownPayment }
            if object["billing_reason"]?.stringValue == "subscription_cycle", let invoiceID = object["id"]?.stringValue,
               try await store.payment(provider: .stripe, providerPaymentID: invoiceID) == nil,
               let plan = try await store.plan(id: subscription.planID) {
                // A renewal Stripe charged by itself: recorded at the plan's price, never the amount the event claims.
                var renewal = PaymentRecord(id: .v7(), userID: subscription.userID, provider: .stripe, kind: .renewal, courseID: nil,
                                            planID: plan.id, subscriptionID: subscription.id, amount: plan.price)
                renewal.providerPaymentID = invoiceID
                renewal.providerPaymentRef = object["payment_intent"]?.stringValue
                renewal.state = PaymentState(amount: plan.price.minor, captured: true)
                renewal.paidAt = now
                try await store.insert(renewal, idempotencyKey: nil, at: now)
            }
            return try await ledger.apply(.paid(periodEnd: Date(timeIntervalSince1970: TimeInterval(end))), to: subscription.id,
                                          providerSubscriptionID: Self.invoiceSubscription(object))
        case "customer.subscription.updated", "customer.subscription.deleted":
            guard let subscription = try await subscription(metadata: object["metadata"], providerID: object["id"]?.stringValue, store: store)
            else { return .unknownPayment }
            if type == "customer.subscription.deleted" {
                return try await ledger.apply(.ended(expired: false), to: subscription.id, providerSubscriptionID: object["id"]?.stringValue)
            }
            let end = object["current_period_end"]?.intValue ?? object["items"]?["data"]?.arrayValue?.first?["current_period_end"]?.intValue
            let status = object["status"]?.stringValue
            var outcome = try await ledger.apply(.updated(periodEnd: end.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                                                          cancelAtPeriodEnd: object["cancel_at_period_end"]?.boolValue ?? false,
                                                          ended: status == "canceled" || status == "incomplete_expired"),
                                                 to: subscription.id, providerSubscriptionID: object["id"]?.stringValue)
            if status == "past_due" || status == "unpaid" {
                outcome = try await ledger.apply(.paymentFailed, to: subscription.id) == .applied ? .applied : outcome
            }
            return outcome
        default:
            return .unchanged
        }
    }

    private func subscription(metadata: JSONValue?, providerID: String?, store: BillingStore) async throws -> SubscriptionRecord? {
        if let id = metadata?["campus_subscription_id"]?.stringValue.flatMap(UUID.init(uuidString:)),
           let found = try await store.subscription(id: id), found.provider == .stripe {
            return found
        }
        guard let providerID else { return nil }
        return try await store.subscription(provider: .stripe, providerSubscriptionID: providerID)
    }

    /// Where an invoice carries its subscription's metadata differs between Stripe API versions.
    static func invoiceMetadata(_ invoice: JSONValue) -> JSONValue? {
        invoice["parent"]?["subscription_details"]?["metadata"] ?? invoice["subscription_details"]?["metadata"]
            ?? invoice["lines"]?["data"]?.arrayValue?.first?["metadata"]
    }

    static func invoiceSubscription(_ invoice: JSONValue) -> String? {
        invoice["subscription"]?.stringValue ?? invoice["parent"]?["subscription_details"]?["subscription"]?.stringValue
    }
}
