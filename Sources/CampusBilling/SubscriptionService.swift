import CampusAccounts
import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging

/// A learner's subscription: stopping it at the end of the paid period.
package struct SubscriptionService: BillingWork {
    package let context: BillingContext

    package init(_ context: BillingContext) {
        self.context = context
    }

    /// Access continues to `current_period_end`; nothing is charged after it. Repeating it changes nothing.
    package func cancelAtPeriodEnd(_ id: UUID, caller: AuthContext) async throws -> SubscriptionDTO {
        let store = BillingStore(database: database)
        guard let subscription = try await store.subscription(id: id), subscription.userID == caller.userID,
              subscription.state.status != .incomplete else { throw BillingError.subscriptionNotFound }
        guard !subscription.state.status.isFinal else { throw BillingError.subscriptionEnded }
        if !subscription.state.cancelAtPeriodEnd, let providerID = subscription.providerSubscriptionID,
           let provider = billing.providers[subscription.provider] {
            do {
                try await provider.cancelAtPeriodEnd(providerSubscriptionID: providerID)
            } catch let refused as PaymentProviderRefused {
                throw BillingError.providerRefused(refused.reason)
            } catch {
                throw BillingError.providerUnavailable
            }
        }
        let now = clock.now()
        let grace = billing.settings.gracePeriod
        try await database.transaction { database in
            _ = try await BillingLedger(database: database, now: now, grace: grace).apply(.cancelRequested, to: id)
        }
        guard let updated = try await store.subscription(id: id) else { throw BillingError.subscriptionNotFound }
        return SubscriptionDTO(updated, planCode: try await store.plan(id: updated.planID)?.code)
    }
}
