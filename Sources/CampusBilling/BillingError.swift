import CampusPlatform
import Vapor

/// What billing refuses, and the one answer each becomes.
package enum BillingError: DomainError, Equatable {
    case planNotFound
    case paymentNotFound
    case subscriptionNotFound
    case providerNotOffered(String)
    case providerUnavailable
    case providerRefused(String)
    case courseIsFree
    case alreadyEntitled
    case alreadySubscribed
    case idempotencyKeyReused
    case checkoutInProgress
    case planCodeTaken(String)
    case nothingToRefund
    case notRefundable
    case subscriptionEnded
    case outsideTrustedNetworks
    case badSignature(String)

    package var problem: Problem {
        switch self {
        case .planNotFound: Problem.notFound("The plan")
        case .paymentNotFound: Problem.notFound("The payment")
        case .subscriptionNotFound: Problem.notFound("The subscription")
        case .providerNotOffered(let name):
            Problem.validation(field: "provider", "\(name) is not offered here; GET /api/v1/plans lists the providers that are")
        case .providerUnavailable:
            Problem(.serviceUnavailable, "payment-provider-unavailable", title: "Payment provider unavailable",
                    detail: "The payment provider did not answer. Nothing was charged; try again in a minute.", headers: ["Retry-After": "30"])
        case .providerRefused(let reason):
            Problem(.badGateway, "payment-provider-refused", title: "Payment provider refused", detail: "The payment provider refused the request: \(reason)")
        case .courseIsFree: Problem.conflict("course-is-free", "This course is free: enroll without paying.")
        case .alreadyEntitled: Problem.conflict("already-entitled", "You already have access to this course.")
        case .alreadySubscribed: Problem.conflict("already-subscribed", "You already have a live subscription to this plan.")
        case .idempotencyKeyReused:
            Problem(.unprocessableEntity, "idempotency-key-reused", title: "Idempotency key reused",
                    detail: "This Idempotency-Key was used with a different request body; use a new key for a new checkout.",
                    errors: [.init(field: "Idempotency-Key", message: "was used with a different request body")])
        case .checkoutInProgress:
            Problem(.conflict, "checkout-in-progress", title: "Conflict",
                    detail: "A checkout with this Idempotency-Key is still being created; repeat the request in a moment.", headers: ["Retry-After": "1"])
        case .planCodeTaken(let code): Problem.conflict("plan-code-taken", "A plan with the code \(code) exists already.")
        case .nothingToRefund: Problem.conflict("nothing-to-refund", "This payment has nothing left to refund.")
        case .notRefundable: Problem.conflict("payment-not-refundable", "Only a succeeded payment can be refunded.")
        case .subscriptionEnded: Problem.conflict("subscription-ended", "This subscription has ended already.")
        case .outsideTrustedNetworks:
            Problem(.forbidden, "untrusted-sender", title: "Forbidden", detail: "Notifications are accepted only from the provider's networks.")
        case .badSignature(let reason):
            Problem(.badRequest, "invalid-signature", title: "Invalid signature", detail: "The Stripe-Signature header does not verify: \(reason).")
        }
    }
}
