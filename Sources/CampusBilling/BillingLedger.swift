import CampusCore
import FluentKit
import Foundation
import Logging

/// Applies what a provider reports to Campus's rows, inside the caller's transaction: the payment's
/// merged state, its subscription, and the entitlement either opens. Every step is idempotent, so a
/// notification, a reconciliation and a retry can each apply the same fact.
package struct BillingLedger: Sendable {
    let store: BillingStore
    let now: Date
    /// How long a subscription whose renewal failed keeps access while it is retried.
    let grace: TimeInterval

    package init(database: any Database, now: Date, grace: TimeInterval) {
        self.store = BillingStore(database: database)
        self.now = now
        self.grace = grace
    }

    package enum Outcome: String, Sendable {
        case applied
        case unchanged
        case unknownPayment = "unknown_payment"
        case amountMismatch = "amount_mismatch"
    }

    /// `report`: the provider's own view, fetched or verified; its amount must be the one Campus asked for.
    package func apply(_ report: ProviderPayment, from provider: ProviderName, to paymentID: UUID?, logger: Logger) async throws -> Outcome {
        var found: PaymentRecord?
        if let paymentID { found = try await store.payment(id: paymentID, lock: true) }
        if found == nil { found = try await store.payment(provider: provider, providerPaymentID: report.providerPaymentID) }
        guard var payment = found else { return .unknownPayment }
        guard report.amount == payment.amount else {
            logger.warning("billing: provider amount differs from the one asked for; nothing granted",
                           metadata: ["payment_id": "\(payment.id)", "provider": "\(payment.provider.rawValue)"])
            return .amountMismatch
        }
        var events: [PaymentState.Event] = []
        if report.captured { events.append(.succeeded) }
        if report.canceled { events.append(.canceled) }
        if report.refundedTotal > 0 { events.append(.refunded(total: report.refundedTotal)) }
        payment.providerPaymentID = payment.providerPaymentID ?? report.providerPaymentID
        if let reference = report.reference { payment.providerPaymentRef = reference }
        return try await apply(events, to: payment, savedMethod: report.savedPaymentMethodID, providerSubscriptionID: report.providerSubscriptionID)
    }

    /// Refund totals reported by reference (Stripe's `charge.refunded` names the PaymentIntent).
    package func applyRefund(total: Int64, reference: String?, paymentID: UUID?, provider: ProviderName,
                             refunds: [(id: String, amount: Int64)]) async throws -> Outcome {
        var found: PaymentRecord?
        if let paymentID { found = try await store.payment(id: paymentID, lock: true) }
        if found == nil, let reference { found = try await store.payment(provider: provider, reference: reference) }
        guard var payment = found else { return .unknownPayment }
        if let reference { payment.providerPaymentRef = reference }
        for refund in refunds {
            _ = try await store.recordRefund(paymentID: payment.id, provider: provider, providerRefundID: refund.id,
                                             amount: Money(minor: refund.amount, currency: payment.amount.currency), actor: nil, at: now)
        }
        return try await apply([.refunded(total: total)], to: payment, savedMethod: nil, providerSubscriptionID: nil)
    }

    func apply(_ events: [PaymentState.Event], to payment: PaymentRecord, savedMethod: String?, providerSubscriptionID: String?) async throws -> Outcome {
        var payment = payment
        let before = payment.state
        payment.state = events.reduce(before) { $0.applying($1) }
        let newlyCaptured = payment.state.captured && !before.captured
        if newlyCaptured && payment.paidAt == nil { payment.paidAt = now }
        try await store.saveState(of: payment, at: now)
        if payment.kind == .course, let courseID = payment.courseID {
            if payment.state.status.grantsAccess {
                try await store.grant(userID: payment.userID, scope: .course, targetID: courseID, sourceKind: "payment", sourceID: payment.id,
                                      validUntil: nil, at: now)
            } else {
                try await store.revoke(sourceKind: "payment", sourceID: payment.id, at: now)
            }
        }
        if let subscriptionID = payment.subscriptionID, var subscription = try await store.subscription(id: subscriptionID, lock: true),
           let plan = try await store.plan(id: subscription.planID) {
            if let savedMethod { subscription.paymentMethodID = savedMethod }
            if let providerSubscriptionID { subscription.providerSubscriptionID = subscription.providerSubscriptionID ?? providerSubscriptionID }
            if newlyCaptured && payment.state.status.grantsAccess {
                // A period starts where the paid one ends (a renewal paid early does not lose days) or now.
                let start = max(subscription.state.currentPeriodEnd ?? now, now)
                subscription.state = subscription.state.applying(.paid(periodEnd: plan.period.end(after: start)))
                subscription.renewalFailures = 0
            }
            if payment.state.status == .refunded && before.status != .refunded {
                // A full refund takes back what it paid for: the subscription ends with it.
                subscription.state = subscription.state.applying(.ended(expired: false))
            }
            try await save(subscription, plan: plan)
        }
        return before == payment.state ? .unchanged : .applied
    }

    /// Applies a subscription fact and brings its entitlement in line.
    package func apply(_ event: SubscriptionState.Event, to subscriptionID: UUID, providerSubscriptionID: String? = nil) async throws -> Outcome {
        guard var subscription = try await store.subscription(id: subscriptionID, lock: true),
              let plan = try await store.plan(id: subscription.planID) else { return .unknownPayment }
        let before = subscription.state
        subscription.state = before.applying(event)
        if let providerSubscriptionID { subscription.providerSubscriptionID = subscription.providerSubscriptionID ?? providerSubscriptionID }
        try await save(subscription, plan: plan)
        return before == subscription.state ? .unchanged : .applied
    }

    func save(_ subscription: SubscriptionRecord, plan: PlanRecord) async throws {
        try await store.save(subscription, at: now)
        if let until = subscription.state.accessUntil(grace: grace), until > now {
            try await store.grant(userID: subscription.userID, scope: plan.scope, targetID: plan.targetID, sourceKind: "subscription",
                                  sourceID: subscription.id, validUntil: until, at: now)
        } else {
            try await store.revoke(sourceKind: "subscription", sourceID: subscription.id, at: now)
        }
    }
}
