import CampusCore
import Foundation
import Vapor

package struct CheckoutDTO: Content, Equatable {
    package var paymentID: UUID
    package var provider: String
    package var confirmationURL: String
    package var amountMinor: Int64
    package var currency: String
    package var subscriptionID: UUID?

    package enum CodingKeys: String, CodingKey {
        case provider, currency
        case paymentID = "payment_id"
        case confirmationURL = "confirmation_url"
        case amountMinor = "amount_minor"
        case subscriptionID = "subscription_id"
    }
}

package struct PlanDTO: Content {
    package var id: UUID
    package var code: String
    package var title: String
    package var description: String?
    package var priceMinor: Int64
    package var currency: String
    package var period: String
    package var unlocks: UnlocksDTO
    package var status: String
    package var providers: [String]

    package struct UnlocksDTO: Content {
        package var scope: String
        package var targetID: UUID?

        package enum CodingKeys: String, CodingKey {
            case scope
            case targetID = "target_id"
        }
    }

    init(_ plan: PlanRecord, language: PracticeLanguage, providers: [ProviderName]) {
        id = plan.id
        code = plan.code
        title = plan.title.text(in: language)
        description = plan.description?.text(in: language)
        priceMinor = plan.price.minor
        currency = plan.price.currency
        period = plan.period.rawValue
        unlocks = UnlocksDTO(scope: plan.scope.rawValue, targetID: plan.targetID)
        status = plan.status.rawValue
        self.providers = providers.map(\.rawValue)
    }

    package enum CodingKeys: String, CodingKey {
        case id, code, title, description, currency, period, unlocks, status, providers
        case priceMinor = "price_minor"
    }
}

package struct PaymentDTO: Content {
    package var id: UUID
    package var provider: String
    package var kind: String
    package var courseID: UUID?
    package var planID: UUID?
    package var subscriptionID: UUID?
    package var amountMinor: Int64
    package var currency: String
    package var refundedMinor: Int64
    package var status: String
    package var confirmationURL: String?
    package var paidAt: Date?
    package var createdAt: Date?

    init(_ payment: PaymentRecord) {
        id = payment.id
        provider = payment.provider.rawValue
        kind = payment.kind.rawValue
        courseID = payment.courseID
        planID = payment.planID
        subscriptionID = payment.subscriptionID
        amountMinor = payment.amount.minor
        currency = payment.amount.currency
        refundedMinor = payment.state.refunded
        status = payment.state.status.rawValue
        confirmationURL = payment.state.status == .pending ? payment.confirmationURL : nil
        paidAt = payment.paidAt
        createdAt = payment.createdAt
    }

    package enum CodingKeys: String, CodingKey {
        case id, provider, kind, currency, status
        case courseID = "course_id"
        case planID = "plan_id"
        case subscriptionID = "subscription_id"
        case amountMinor = "amount_minor"
        case refundedMinor = "refunded_minor"
        case confirmationURL = "confirmation_url"
        case paidAt = "paid_at"
        case createdAt = "created_at"
    }
}

package struct SubscriptionDTO: Content {
    package var id: UUID
    package var planID: UUID
    package var planCode: String?
    package var provider: String
    package var status: String
    package var currentPeriodEnd: Date?
    package var cancelAtPeriodEnd: Bool
    package var createdAt: Date?

    init(_ subscription: SubscriptionRecord, planCode: String?) {
        id = subscription.id
        planID = subscription.planID
        self.planCode = planCode
        provider = subscription.provider.rawValue
        status = subscription.state.status.rawValue
        currentPeriodEnd = subscription.state.currentPeriodEnd
        cancelAtPeriodEnd = subscription.state.cancelAtPeriodEnd
        createdAt = subscription.createdAt
    }

    package enum CodingKeys: String, CodingKey {
        case id, provider, status
        case planID = "plan_id"
        case planCode = "plan_code"
        case currentPeriodEnd = "current_period_end"
        case cancelAtPeriodEnd = "cancel_at_period_end"
        case createdAt = "created_at"
    }
}

package struct EntitlementDTO: Content {
    package var id: UUID
    package var scope: String
    package var targetID: UUID?
    package var source: String
    package var sourceID: UUID
    package var validFrom: Date
    package var validUntil: Date?
    package var revokedAt: Date?
    package var active: Bool

    init(_ entitlement: EntitlementRecord, now: Date) {
        id = entitlement.id
        scope = entitlement.scope.rawValue
        targetID = entitlement.targetID
        source = entitlement.sourceKind
        sourceID = entitlement.sourceID
        validFrom = entitlement.validFrom
        validUntil = entitlement.validUntil
        revokedAt = entitlement.revokedAt
        active = entitlement.isLive(at: now)
    }

    package enum CodingKeys: String, CodingKey {
        case id, scope, source, active
        case targetID = "target_id"
        case sourceID = "source_id"
        case validFrom = "valid_from"
        case validUntil = "valid_until"
        case revokedAt = "revoked_at"
    }
}

package struct RefundDTO: Content {
    package var paymentID: UUID
    package var refundID: String
    package var amountMinor: Int64
    package var currency: String
    package var paymentStatus: String

    package enum CodingKeys: String, CodingKey {
        case currency
        case paymentID = "payment_id"
        case refundID = "refund_id"
        case amountMinor = "amount_minor"
        case paymentStatus = "payment_status"
    }
}

package struct WebhookAnswerDTO: Content {
    /// processed | already_processed | ignored
    package var status: String
    package var detail: String?
}
