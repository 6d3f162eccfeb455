import Foundation

/// One subscription's facts merged in any order: the paid-through date only moves forward, an ended
/// subscription stays ended (a late `invoice.paid` does not revive it), and a failure only counts when
/// no later payment covers it.
public struct SubscriptionState: Sendable, Equatable {
    public private(set) var status: SubscriptionStatus
    public private(set) var currentPeriodEnd: Date?
    public private(set) var cancelAtPeriodEnd: Bool

    public enum Event: Sendable, Equatable {
        /// A period was paid through `periodEnd`.
        case paid(periodEnd: Date)
        /// The charge for the period after `periodEnd` failed.
        case paymentFailed
        /// The provider's own view (Stripe `customer.subscription.updated`).
        case updated(periodEnd: Date?, cancelAtPeriodEnd: Bool, ended: Bool)
        /// The learner asked to stop at the period's end.
        case cancelRequested
        /// Gone at the provider, or Campus ended it.
        case ended(expired: Bool)
    }

    public init(status: SubscriptionStatus, currentPeriodEnd: Date?, cancelAtPeriodEnd: Bool) {
        self.status = status
        self.currentPeriodEnd = currentPeriodEnd
        self.cancelAtPeriodEnd = cancelAtPeriodEnd
    }

    public func applying(_ event: Event) -> SubscriptionState {
        guard !status.isFinal else { return self }
        var next = self
        switch event {
        case .paid(let periodEnd):
            next.currentPeriodEnd = max(periodEnd, currentPeriodEnd ?? periodEnd)
            next.status = .active
        case .paymentFailed:
            if status == .active { next.status = .pastDue }
        case .updated(let periodEnd, let cancelAtPeriodEnd, let ended):
            if let periodEnd { next.currentPeriodEnd = max(periodEnd, currentPeriodEnd ?? periodEnd) }
            next.cancelAtPeriodEnd = cancelAtPeriodEnd
            if ended { next.status = .canceled }
        case .cancelRequested:
            next.cancelAtPeriodEnd = true
        case .ended(let expired):
            next.status = expired ? .expired : .canceled
        }
        return next
    }

    /// Access runs to the paid-through date, plus `grace` while a failed renewal is retried.
    public func accessUntil(grace: TimeInterval) -> Date? {
        guard status.grantsAccess, let end = currentPeriodEnd else { return nil }
        return status == .pastDue ? end.addingTimeInterval(grace) : end
    }
}
