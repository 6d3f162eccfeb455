import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging
import Synchronization

/// Renews YooKassa subscriptions (YooKassa has none of its own): before `current_period_end` it charges
/// the saved payment method, retries a failure every `renewalRetry` through the grace period, then expires
/// the subscription; one asked to stop ends at its period's end. Every instance may run it: a
/// subscription is claimed with a conditional update (a lease, so a crashed instance's claim lapses), and
/// each period's charge has one idempotency key, so the same period is never charged twice.
package final class RenewalJob: Sendable {
    let database: @Sendable () -> any Database
    let billing: BillingServices
    let clock: CampusClock
    let logger: Logger
    let interval: Duration
    let metrics: CampusMetrics?
    private let stopped = Mutex(false)

    package init(database: @escaping @Sendable () -> any Database, billing: BillingServices, clock: CampusClock, logger: Logger,
                 interval: Duration = .seconds(60), metrics: CampusMetrics? = nil) {
        self.metrics = metrics
        self.database = database
        self.billing = billing
        self.clock = clock
        self.logger = logger
        self.interval = interval
    }

    package func run() async {
        guard billing.providers[.yookassa] != nil else { return }
        while !stopped.withLock({ $0 }) {
            do {
                _ = try await tick()
                metrics?.jobRun("renewals", failed: false)
            } catch {
                metrics?.jobRun("renewals", failed: true)
                logger.warning("billing: renewal pass failed", metadata: ["error": "\(type(of: error))"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    package func stop() { stopped.withLock { $0 = true } }

    package struct Pass: Sendable, Equatable {
        package var charged = 0
        package var failed = 0
        package var ended = 0
    }

    /// One pass over the subscriptions that are due.
    package func tick() async throws -> Pass {
        var pass = Pass()
        guard let provider = billing.providers[.yookassa] else { return pass }
        let settings = billing.settings
        let now = clock.now()
        let db = database()
        let due = try await db.sql.raw("""
            SELECT id FROM subscriptions
            WHERE provider = 'yookassa' AND status IN ('active', 'past_due') AND deleted_at IS NULL
              AND current_period_end <= \(bind: now.addingTimeInterval(settings.renewalLead))
              AND (next_renewal_at IS NULL OR next_renewal_at <= \(bind: now))
              AND (renewal_claimed_until IS NULL OR renewal_claimed_until < \(bind: now))
            ORDER BY current_period_end LIMIT 100
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        for id in due {
            guard try await claim(id, now: now, on: db) else { continue }
            let result: Result<Step, any Error>
            do { result = .success(try await renew(id, provider: provider, now: now, on: db)) } catch { result = .failure(error) }
            try await db.sql.raw("UPDATE subscriptions SET renewal_claimed_until = NULL WHERE id = \(bind: id)").run()
            switch try result.get() {
            case .charged: pass.charged += 1
            case .failed: pass.failed += 1
            case .ended: pass.ended += 1
            case .nothing: break
            }
        }
        return pass
    }

    private enum Step { case charged, failed, ended, nothing }

    private func renew(_ id: UUID, provider: any PaymentProvider, now: Date, on db: any Database) async throws -> Step {
        let settings = billing.settings
        guard let subscription = try await BillingStore(database: db).subscription(id: id),
              let plan = try await BillingStore(database: db).plan(id: subscription.planID),
              let end = subscription.state.currentPeriodEnd else { return .nothing }
        let ledger: @Sendable (any Database) -> BillingLedger = { BillingLedger(database: $0, now: now, grace: settings.gracePeriod) }
        if subscription.state.cancelAtPeriodEnd {
            guard end <= now else { return .nothing }
            try await db.transaction { _ = try await ledger($0).apply(.ended(expired: false), to: id) }
            return .ended
        }
        if end.addingTimeInterval(settings.gracePeriod) <= now {
            try await db.transaction { _ = try await ledger($0).apply(.ended(expired: true), to: id) }
            logger.notice("billing: subscription expired after failed renewals", metadata: ["subscription_id": "\(id)"])
            return .ended
        }
        guard let method = subscription.paymentMethodID else {
            try await failed(subscription, now: now, on: db, ledger: ledger)
            return .failed
        }
        // One key per subscription, period and attempt: a second instance, or this one after a crash, repeats
        // the same charge instead of making another.
        let key = "renewal-\(id.uuidString.lowercased())-\(Int(end.timeIntervalSince1970))-\(subscription.renewalFailures)"
        let store = BillingStore(database: db)
        let paymentID: UUID
        if let existing = try await db.sql.raw("SELECT id FROM payments WHERE idempotency_key = \(bind: key)").first() {
            paymentID = try existing.decode(column: "id", as: UUID.self)
        } else {
            paymentID = .v7()
            try await store.insert(PaymentRecord(id: paymentID, userID: subscription.userID, provider: .yookassa, kind: .renewal, courseID: nil,
                                                 planID: plan.id, subscriptionID: id, amount: plan.price), idempotencyKey: key, at: now)
        }
        let order = CheckoutOrder(paymentID: paymentID, userID: subscription.userID, email: nil, amount: plan.price,
                                  description: plan.title.text(in: .en), returnURL: "", recurring: plan.period, subscriptionID: id)
        let report: ProviderPayment?
        do {
            report = try await provider.chargeSaved(methodID: method, order: order, idempotencyKey: key)
        } catch is PaymentProviderUnavailable {
            return .nothing   // the claim lapses; the next pass repeats the same charge with the same key
        }
        if let report, report.captured {
            try await db.transaction { _ = try await ledger($0).apply(report, from: .yookassa, to: paymentID, logger: self.logger) }
            return .charged
        } else if let report, !report.canceled {
            // Pending at YooKassa: its notification (or the next pass) finishes it.
            try await db.transaction { _ = try await ledger($0).apply(report, from: .yookassa, to: paymentID, logger: self.logger) }
        } else {
            if let report { try await db.transaction { _ = try await ledger($0).apply(report, from: .yookassa, to: paymentID, logger: self.logger) } }
            try await failed(subscription, now: now, on: db, ledger: ledger)
            return .failed
        }
        return .nothing
    }

    private func claim(_ id: UUID, now: Date, on db: any Database) async throws -> Bool {
        try await db.sql.raw("""
            UPDATE subscriptions SET renewal_claimed_until = \(bind: now.addingTimeInterval(300))
            WHERE id = \(bind: id) AND (renewal_claimed_until IS NULL OR renewal_claimed_until < \(bind: now)) RETURNING id
            """).first() != nil
    }

    private func failed(_ subscription: SubscriptionRecord, now: Date, on db: any Database,
                        ledger: @escaping @Sendable (any Database) -> BillingLedger) async throws {
        try await db.transaction { database in
            var updated = subscription
            updated.renewalFailures += 1
            updated.nextRenewalAt = now.addingTimeInterval(self.billing.settings.renewalRetry)
            try await BillingStore(database: database).save(updated, at: now)
            _ = try await ledger(database).apply(.paymentFailed, to: subscription.id)
        }
    }
}
