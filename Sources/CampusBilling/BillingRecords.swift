import CampusCore
import Foundation
import SQLKit

/// What a plan or purchase opens.
package enum EntitlementScope: String, Sendable, Codable {
    case all
    case course
    case category
    case track
}

package struct PlanRecord: Sendable {
    package enum Status: String, Sendable { case active, retired }

    package var id: UUID
    package var code: String
    package var title: LocalizedText
    package var description: LocalizedText?
    package var price: Money
    package var period: BillingPeriod
    package var scope: EntitlementScope
    package var targetID: UUID?
    package var status: Status
    package var createdAt: Date?
    package var updatedAt: Date?

    static let columns = "id, code, title, description, price_minor, currency, period, scope, target_id, status, created_at, updated_at"

    init(row: any SQLRow) throws {
        func text(_ column: String) -> LocalizedText? {
            (try? row.decode(column: column, as: String?.self)).flatMap { $0 }.flatMap { try? JSONValue.parse($0) }.flatMap(LocalizedText.init)
        }
        id = try row.decode(column: "id", as: UUID.self)
        code = try row.decode(column: "code", as: String.self)
        title = text("title") ?? LocalizedText(en: code)
        description = text("description")
        price = Money(minor: try row.decode(column: "price_minor", as: Int64.self), currency: try row.decode(column: "currency", as: String.self))
        period = BillingPeriod(rawValue: try row.decode(column: "period", as: String.self)) ?? .month
        scope = EntitlementScope(rawValue: try row.decode(column: "scope", as: String.self)) ?? .all
        targetID = try row.decode(column: "target_id", as: UUID?.self)
        status = Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .retired
        createdAt = try row.decode(column: "created_at", as: Date?.self)
        updatedAt = try row.decode(column: "updated_at", as: Date?.self)
    }

    package init(id: UUID, code: String, title: LocalizedText, description: LocalizedText?, price: Money, period: BillingPeriod,
                 scope: EntitlementScope, targetID: UUID?, status: Status) {
        self.id = id
        self.code = code
        self.title = title
        self.description = description
        self.price = price
        self.period = period
        self.scope = scope
        self.targetID = targetID
        self.status = status
    }
}

package struct PaymentRecord: Sendable {
    package enum Kind: String, Sendable { case course, plan, renewal }

    package var id: UUID
    package var userID: UUID
    package var provider: ProviderName
    package var providerPaymentID: String?
    package var providerPaymentRef: String?
    package var kind: Kind
    package var courseID: UUID?
    package var planID: UUID?
    package var subscriptionID: UUID?
    package var amount: Money
    package var state: PaymentState
    package var confirmationURL: String?
    package var paidAt: Date?
    package var createdAt: Date?

    static let columns = """
        id, user_id, provider, provider_payment_id, provider_payment_ref, kind, course_id, plan_id, subscription_id, amount_minor, currency, \
        status, captured, canceled, refunded_minor, confirmation_url, paid_at, created_at
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        userID = try row.decode(column: "user_id", as: UUID.self)
        provider = ProviderName(rawValue: try row.decode(column: "provider", as: String.self)) ?? .stripe
        providerPaymentID = try row.decode(column: "provider_payment_id", as: String?.self)
        providerPaymentRef = try row.decode(column: "provider_payment_ref", as: String?.self)
        kind = Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .course
        courseID = try row.decode(column: "course_id", as: UUID?.self)
        planID = try row.decode(column: "plan_id", as: UUID?.self)
        subscriptionID = try row.decode(column: "subscription_id", as: UUID?.self)
        amount = Money(minor: try row.decode(column: "amount_minor", as: Int64.self), currency: try row.decode(column: "currency", as: String.self))
        state = PaymentState(amount: amount.minor, captured: try row.decode(column: "captured", as: Bool.self),
                             canceled: try row.decode(column: "canceled", as: Bool.self),
                             refunded: try row.decode(column: "refunded_minor", as: Int64.self))
        confirmationURL = try row.decode(column: "confirmation_url", as: String?.self)
        paidAt = try row.decode(column: "paid_at", as: Date?.self)
        createdAt = try row.decode(column: "created_at", as: Date?.self)
    }

    package init(id: UUID, userID: UUID, provider: ProviderName, kind: Kind, courseID: UUID?, planID: UUID?, subscriptionID: UUID?, amount: Money) {
        self.id = id
        self.userID = userID
        self.provider = provider
        self.kind = kind
        self.courseID = courseID
        self.planID = planID
        self.subscriptionID = subscriptionID
        self.amount = amount
        self.state = PaymentState(amount: amount.minor)
    }
}

package struct SubscriptionRecord: Sendable {
    package var id: UUID
    package var userID: UUID
    package var planID: UUID
    package var provider: ProviderName
    package var providerSubscriptionID: String?
    package var paymentMethodID: String?
    package var state: SubscriptionState
    package var renewalFailures: Int
    package var nextRenewalAt: Date?
    package var createdAt: Date?

    static let columns = """
        id, user_id, plan_id, provider, provider_subscription_id, payment_method_id, status, current_period_end, cancel_at_period_end, \
        renewal_failures, next_renewal_at, created_at
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        userID = try row.decode(column: "user_id", as: UUID.self)
        planID = try row.decode(column: "plan_id", as: UUID.self)
        provider = ProviderName(rawValue: try row.decode(column: "provider", as: String.self)) ?? .stripe
        providerSubscriptionID = try row.decode(column: "provider_subscription_id", as: String?.self)
        paymentMethodID = try row.decode(column: "payment_method_id", as: String?.self)
        state = SubscriptionState(status: SubscriptionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .expired,
                                  currentPeriodEnd: try row.decode(column: "current_period_end", as: Date?.self),
                                  cancelAtPeriodEnd: try row.decode(column: "cancel_at_period_end", as: Bool.self))
        renewalFailures = try row.decode(column: "renewal_failures", as: Int.self)
        nextRenewalAt = try row.decode(column: "next_renewal_at", as: Date?.self)
        createdAt = try row.decode(column: "created_at", as: Date?.self)
    }
}

package struct EntitlementRecord: Sendable {
    package var id: UUID
    package var scope: EntitlementScope
    package var targetID: UUID?
    package var sourceKind: String
    package var sourceID: UUID
    package var validFrom: Date
    package var validUntil: Date?
    package var revokedAt: Date?

    static let columns = "id, scope, target_id, source_kind, source_id, valid_from, valid_until, revoked_at"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        scope = EntitlementScope(rawValue: try row.decode(column: "scope", as: String.self)) ?? .course
        targetID = try row.decode(column: "target_id", as: UUID?.self)
        sourceKind = try row.decode(column: "source_kind", as: String.self)
        sourceID = try row.decode(column: "source_id", as: UUID.self)
        validFrom = try row.decode(column: "valid_from", as: Date.self)
        validUntil = try row.decode(column: "valid_until", as: Date?.self)
        revokedAt = try row.decode(column: "revoked_at", as: Date?.self)
    }

    package func isLive(at now: Date) -> Bool {
        // A millisecond of slack: SQLite keeps times as floating-point seconds, so one read back can be a hair later than written.
        revokedAt == nil && validFrom.timeIntervalSince(now) <= 0.001 && (validUntil.map { $0 > now } ?? true)
    }
}
