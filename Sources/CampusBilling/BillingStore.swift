import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import SQLKit

/// Billing's rows, read and written with plain SQL that means the same on PostgreSQL and SQLite.
package struct BillingStore: Sendable {
    let database: any Database

    package init(database: any Database) {
        self.database = database
    }

    /// On PostgreSQL the row stays locked to this transaction; SQLite has one writer at a time anyway.
    private var forUpdate: SQLQueryString { database.isPostgres ? " FOR UPDATE" : "" }

    // MARK: plans

    package func plans(includeRetired: Bool) async throws -> [PlanRecord] {
        let filter: SQLQueryString = includeRetired ? "" : " AND status = 'active'"
        return try await database.sql.raw("""
            SELECT \(unsafeRaw: PlanRecord.columns) FROM plans WHERE deleted_at IS NULL\(filter) ORDER BY price_minor, code
            """).all().map(PlanRecord.init(row:))
    }

    package func plan(code: String) async throws -> PlanRecord? {
        try await database.sql.raw("SELECT \(unsafeRaw: PlanRecord.columns) FROM plans WHERE code = \(bind: code) AND deleted_at IS NULL")
            .first().map(PlanRecord.init(row:))
    }

    package func plan(id: UUID) async throws -> PlanRecord? {
        try await database.sql.raw("SELECT \(unsafeRaw: PlanRecord.columns) FROM plans WHERE id = \(bind: id)").first().map(PlanRecord.init(row:))
    }

    package func insert(_ plan: PlanRecord, actor: UUID, at now: Date) async throws {
        try await database.sql.raw("""
            INSERT INTO plans (id, code, title, description, price_minor, currency, period, scope, target_id, status,
                               created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: plan.id), \(bind: plan.code), \(bind: try plan.title.json.jsonText()), \(bind: try plan.description?.json.jsonText()),
                    \(bind: plan.price.minor), \(bind: plan.price.currency), \(bind: plan.period.rawValue), \(bind: plan.scope.rawValue),
                    \(bind: plan.targetID), \(bind: plan.status.rawValue), \(bind: now), \(bind: now), \(bind: actor), \(bind: actor))
            """).run()
    }

    package func update(_ plan: PlanRecord, actor: UUID, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE plans SET title = \(bind: try plan.title.json.jsonText()), description = \(bind: try plan.description?.json.jsonText()),
                price_minor = \(bind: plan.price.minor), currency = \(bind: plan.price.currency), period = \(bind: plan.period.rawValue),
                scope = \(bind: plan.scope.rawValue), target_id = \(bind: plan.targetID), status = \(bind: plan.status.rawValue),
                updated_at = \(bind: now), updated_by = \(bind: actor)
            WHERE id = \(bind: plan.id)
            """).run()
    }

    package func deletePlan(id: UUID, actor: UUID, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE plans SET deleted_at = \(bind: now), status = 'retired', updated_at = \(bind: now), updated_by = \(bind: actor) WHERE id = \(bind: id)
            """).run()
    }

    // MARK: payments

    package func insert(_ payment: PaymentRecord, idempotencyKey: String?, at now: Date) async throws {
        try await database.sql.raw("""
            INSERT INTO payments (id, user_id, provider, provider_payment_id, provider_payment_ref, kind, course_id, plan_id, subscription_id,
                                  amount_minor, currency, status, captured, canceled, refunded_minor, idempotency_key, confirmation_url, paid_at,
                                  created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: payment.id), \(bind: payment.userID), \(bind: payment.provider.rawValue), \(bind: payment.providerPaymentID),
                    \(bind: payment.providerPaymentRef), \(bind: payment.kind.rawValue), \(bind: payment.courseID), \(bind: payment.planID),
                    \(bind: payment.subscriptionID), \(bind: payment.amount.minor), \(bind: payment.amount.currency),
                    \(bind: payment.state.status.rawValue), \(bind: payment.state.captured), \(bind: payment.state.canceled),
                    \(bind: payment.state.refunded), \(bind: idempotencyKey), \(bind: payment.confirmationURL), \(bind: payment.paidAt),
                    \(bind: now), \(bind: now), \(bind: payment.userID), \(bind: payment.userID))
            """).run()
    }

    package func payment(id: UUID, lock: Bool = false) async throws -> PaymentRecord? {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: PaymentRecord.columns) FROM payments WHERE id = \(bind: id) AND deleted_at IS NULL\(lock ? forUpdate : "")
            """).first().map(PaymentRecord.init(row:))
    }

    package func payment(provider: ProviderName, providerPaymentID: String) async throws -> PaymentRecord? {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: PaymentRecord.columns) FROM payments
            WHERE provider = \(bind: provider.rawValue) AND provider_payment_id = \(bind: providerPaymentID) AND deleted_at IS NULL
            """).first().map(PaymentRecord.init(row:))
    }

    package func payment(provider: ProviderName, reference: String) async throws -> PaymentRecord? {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: PaymentRecord.columns) FROM payments
            WHERE provider = \(bind: provider.rawValue) AND provider_payment_ref = \(bind: reference) AND deleted_at IS NULL
            """).first().map(PaymentRecord.init(row:))
    }

    package func saveState(of payment: PaymentRecord, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE payments SET status = \(bind: payment.state.status.rawValue), captured = \(bind: payment.state.captured),
                canceled = \(bind: payment.state.canceled), refunded_minor = \(bind: payment.state.refunded), paid_at = \(bind: payment.paidAt),
                provider_payment_id = \(bind: payment.providerPaymentID), provider_payment_ref = \(bind: payment.providerPaymentRef),
                confirmation_url = \(bind: payment.confirmationURL), updated_at = \(bind: now)
            WHERE id = \(bind: payment.id)
            """).run()
    }

    /// A checkout the provider never heard of: gone, so the same key can try again.
    package func discard(paymentID: UUID, at now: Date) async throws {
        try await database.sql.raw("UPDATE payments SET deleted_at = \(bind: now), status = 'canceled', canceled = \(bind: true) WHERE id = \(bind: paymentID)").run()
    }

    package func payments(userID: UUID, after: UUID?, limit: Int) async throws -> [PaymentRecord] {
        let bound: SQLQueryString = after.map { " AND id < \(bind: $0)" } ?? ""
        return try await database.sql.raw("""
            SELECT \(unsafeRaw: PaymentRecord.columns) FROM payments WHERE user_id = \(bind: userID) AND deleted_at IS NULL\(bound)
            ORDER BY id DESC LIMIT \(unsafeRaw: String(limit))
            """).all().map(PaymentRecord.init(row:))
    }

    package func payments(since: Date) async throws -> [PaymentRecord] {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: PaymentRecord.columns) FROM payments WHERE created_at >= \(bind: since) AND deleted_at IS NULL ORDER BY id
            """).all().map(PaymentRecord.init(row:))
    }

    // MARK: refunds

    /// Once per provider refund id; false when it was recorded already.
    package func recordRefund(paymentID: UUID, provider: ProviderName, providerRefundID: String, amount: Money, actor: UUID?, at now: Date) async throws -> Bool {
        try await database.sql.raw("""
            INSERT INTO refunds (id, payment_id, provider, provider_refund_id, amount_minor, currency, status, created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: UUID.v7()), \(bind: paymentID), \(bind: provider.rawValue), \(bind: providerRefundID), \(bind: amount.minor),
                    \(bind: amount.currency), 'succeeded', \(bind: now), \(bind: now), \(bind: actor), \(bind: actor))
            ON CONFLICT (provider, provider_refund_id) DO NOTHING RETURNING id
            """).first() != nil
    }

    // MARK: subscriptions

    package func insertSubscription(id: UUID, userID: UUID, planID: UUID, provider: ProviderName, at now: Date) async throws {
        try await database.sql.raw("""
            INSERT INTO subscriptions (id, user_id, plan_id, provider, status, cancel_at_period_end, renewal_failures, created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: id), \(bind: userID), \(bind: planID), \(bind: provider.rawValue), \(bind: SubscriptionStatus.incomplete.rawValue),
                    \(bind: false), 0, \(bind: now), \(bind: now), \(bind: userID), \(bind: userID))
            """).run()
    }

    package func subscription(id: UUID, lock: Bool = false) async throws -> SubscriptionRecord? {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: SubscriptionRecord.columns) FROM subscriptions WHERE id = \(bind: id) AND deleted_at IS NULL\(lock ? forUpdate : "")
            """).first().map(SubscriptionRecord.init(row:))
    }

    package func subscription(provider: ProviderName, providerSubscriptionID: String) async throws -> SubscriptionRecord? {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: SubscriptionRecord.columns) FROM subscriptions
            WHERE provider = \(bind: provider.rawValue) AND provider_subscription_id = \(bind: providerSubscriptionID) AND deleted_at IS NULL
            """).first().map(SubscriptionRecord.init(row:))
    }

    package func subscriptions(userID: UUID) async throws -> [SubscriptionRecord] {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: SubscriptionRecord.columns) FROM subscriptions WHERE user_id = \(bind: userID) AND deleted_at IS NULL ORDER BY id DESC
            """).all().map(SubscriptionRecord.init(row:))
    }

    package func save(_ subscription: SubscriptionRecord, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE subscriptions SET status = \(bind: subscription.state.status.rawValue), current_period_end = \(bind: subscription.state.currentPeriodEnd),
                cancel_at_period_end = \(bind: subscription.state.cancelAtPeriodEnd), provider_subscription_id = \(bind: subscription.providerSubscriptionID),
                payment_method_id = \(bind: subscription.paymentMethodID), renewal_failures = \(bind: subscription.renewalFailures),
                next_renewal_at = \(bind: subscription.nextRenewalAt), updated_at = \(bind: now)
            WHERE id = \(bind: subscription.id)
            """).run()
    }

    // MARK: entitlements

    /// Opens (or re-opens, or extends) what `source` bought.
    package func grant(userID: UUID, scope: EntitlementScope, targetID: UUID?, sourceKind: String, sourceID: UUID,
                       validUntil: Date?, at now: Date) async throws {
        try await database.sql.raw("""
            INSERT INTO entitlements (id, user_id, scope, target_id, source_kind, source_id, valid_from, valid_until, revoked_at,
                                      created_at, updated_at, created_by, updated_by)
            VALUES (\(bind: UUID.v7()), \(bind: userID), \(bind: scope.rawValue), \(bind: targetID), \(bind: sourceKind), \(bind: sourceID),
                    \(bind: now), \(bind: validUntil), NULL, \(bind: now), \(bind: now), \(bind: userID), \(bind: userID))
            ON CONFLICT (source_kind, source_id) WHERE deleted_at IS NULL
            DO UPDATE SET valid_until = excluded.valid_until, revoked_at = NULL, updated_at = excluded.updated_at
            """).run()
    }

    package func revoke(sourceKind: String, sourceID: UUID, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE entitlements SET revoked_at = \(bind: now), updated_at = \(bind: now)
            WHERE source_kind = \(bind: sourceKind) AND source_id = \(bind: sourceID) AND deleted_at IS NULL AND revoked_at IS NULL
            """).run()
    }

    package func entitlements(userID: UUID) async throws -> [EntitlementRecord] {
        try await database.sql.raw("""
            SELECT \(unsafeRaw: EntitlementRecord.columns) FROM entitlements WHERE user_id = \(bind: userID) AND deleted_at IS NULL ORDER BY id DESC
            """).all().map(EntitlementRecord.init(row:))
    }

    /// A live entitlement that covers the course: bought alone, or by a plan over everything, its category or a track holding it.
    package func covers(userID: UUID, courseID: UUID, categoryID: UUID?, at now: Date) async throws -> Bool {
        try await database.sql.raw("""
            SELECT 1 AS found FROM entitlements
            WHERE user_id = \(bind: userID) AND deleted_at IS NULL AND revoked_at IS NULL AND valid_from <= \(bind: now)
              AND (valid_until IS NULL OR valid_until > \(bind: now))
              AND (scope = 'all' OR (scope = 'course' AND target_id = \(bind: courseID))
                   OR (scope = 'category' AND target_id = \(bind: categoryID))
                   OR (scope = 'track' AND target_id IN (SELECT track_id FROM track_courses WHERE course_id = \(bind: courseID) AND deleted_at IS NULL)))
            LIMIT 1
            """).first() != nil
    }

    // MARK: the providers' inbox

    /// True for the first delivery of an event; later ones (or parallel ones, once the first commits) get false.
    package func claimEvent(provider: ProviderName, eventID: String, type: String, payloadHash: String, at now: Date) async throws -> Bool {
        try await database.sql.raw("""
            INSERT INTO payment_events (id, provider, event_id, type, payload_hash, outcome, received_at)
            VALUES (\(bind: UUID.v7()), \(bind: provider.rawValue), \(bind: eventID), \(bind: type), \(bind: payloadHash), 'received', \(bind: now))
            ON CONFLICT (provider, event_id) DO NOTHING RETURNING id
            """).first() != nil
    }

    package func finishEvent(provider: ProviderName, eventID: String, outcome: String, at now: Date) async throws {
        try await database.sql.raw("""
            UPDATE payment_events SET outcome = \(bind: outcome), processed_at = \(bind: now)
            WHERE provider = \(bind: provider.rawValue) AND event_id = \(bind: eventID)
            """).run()
    }
}
