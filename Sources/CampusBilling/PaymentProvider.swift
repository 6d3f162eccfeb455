import CampusCore
import Foundation

package enum ProviderName: String, Sendable, CaseIterable, Codable {
    case stripe
    case yookassa
}

/// What Campus asks a provider to charge. `paymentID` travels in the provider's metadata, so every
/// notification names the Campus payment it is about.
package struct CheckoutOrder: Sendable {
    package var paymentID: UUID
    package var userID: UUID
    package var email: String?
    package var amount: Money
    package var description: String
    package var returnURL: String
    /// Set for a plan: the provider charges again each period (Stripe) or saves the method (YooKassa).
    package var recurring: BillingPeriod?
    package var subscriptionID: UUID?
}

package struct CheckoutStarted: Sendable {
    package var providerPaymentID: String
    package var confirmationURL: String
}

/// A payment as the provider reports it now.
package struct ProviderPayment: Sendable {
    package var providerPaymentID: String
    /// The id refunds name (Stripe's PaymentIntent); the payment's own id at YooKassa.
    package var reference: String?
    package var campusPaymentID: UUID?
    package var amount: Money
    package var captured: Bool
    package var canceled: Bool
    package var refundedTotal: Int64
    package var savedPaymentMethodID: String?
    package var providerSubscriptionID: String?
    package var paidAt: Date?
}

package struct ProviderRefund: Sendable {
    package var providerRefundID: String
    package var amount: Money
    package var succeeded: Bool
}

/// The provider could not be reached or failed on its side: nothing was bought, try again later.
package struct PaymentProviderUnavailable: Error, CustomStringConvertible {
    package var provider: ProviderName
    package var reason: String
    package var description: String { "\(provider.rawValue) unavailable: \(reason)" }
}

/// The provider refused what Campus sent (its 4xx); the reason is the provider's, never a secret.
package struct PaymentProviderRefused: Error, CustomStringConvertible {
    package var provider: ProviderName
    package var reason: String
    package var description: String { "\(provider.rawValue) refused: \(reason)" }
}

/// One payment service, as checkout, refunds, renewals and reconciliation use it.
package protocol PaymentProvider: Sendable {
    var name: ProviderName { get }
    func startCheckout(_ order: CheckoutOrder) async throws -> CheckoutStarted
    /// The payment now, by the id `startCheckout` returned (re-fetched, never taken from a notification).
    func payment(_ providerPaymentID: String) async throws -> ProviderPayment?
    func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> ProviderRefund
    func cancelAtPeriodEnd(providerSubscriptionID: String) async throws
    /// Charges a saved method without the learner (YooKassa renewals); nil where the provider renews itself.
    func chargeSaved(methodID: String, order: CheckoutOrder, idempotencyKey: String) async throws -> ProviderPayment?
    /// Payments created since `since`, for reconciliation.
    func payments(since: Date) async throws -> [ProviderPayment]
}
