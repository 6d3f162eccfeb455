import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging

/// An admin's refund, made through the provider that took the money; a full refund revokes what it bought.
package struct RefundService: BillingWork {
    package let context: BillingContext

    package init(_ context: BillingContext) {
        self.context = context
    }

    package func refund(paymentID: UUID, amount requested: Int64?, actor: UUID) async throws -> RefundDTO {
        let store = BillingStore(database: database)
        guard let payment = try await store.payment(id: paymentID) else { throw BillingError.paymentNotFound }
        guard payment.state.status.grantsAccess else {
            throw payment.state.status == .refunded ? BillingError.nothingToRefund : BillingError.notRefundable
        }
        let refundable = payment.state.refundable
        let amount = requested ?? refundable
        guard amount >= 1 && amount <= refundable else {
            throw Problem.validation(field: "amount", "must be a whole number of minor units from 1 to \(refundable)")
        }
        guard let provider = billing.providers[payment.provider], let reference = payment.providerPaymentRef ?? payment.providerPaymentID else {
            throw BillingError.providerNotOffered(payment.provider.rawValue)
        }
        let money = Money(minor: amount, currency: payment.amount.currency)
        let refund: ProviderRefund
        do {
            // The same admin action repeated (a double click, a retry after a timeout) is one refund at the provider.
            refund = try await provider.refund(reference: reference, amount: money,
                                               idempotencyKey: "refund-\(payment.id.uuidString.lowercased())-\(payment.state.refunded)-\(amount)")
        } catch let refused as PaymentProviderRefused {
            throw BillingError.providerRefused(refused.reason)
        } catch {
            throw BillingError.providerUnavailable
        }
        let now = clock.now()
        let grace = billing.settings.gracePeriod
        let status: PaymentStatus = try await database.transaction { database in
            let store = BillingStore(database: database)
            _ = try await store.recordRefund(paymentID: payment.id, provider: payment.provider, providerRefundID: refund.providerRefundID,
                                             amount: money, actor: actor, at: now)
            guard refund.succeeded else { return payment.state.status }
            // The ledger locks the payment and caps the total at its amount.
            _ = try await BillingLedger(database: database, now: now, grace: grace).applyRefund(
                total: payment.state.refunded + amount, reference: nil, paymentID: payment.id, provider: payment.provider, refunds: [])
            return try await store.payment(id: payment.id)?.state.status ?? payment.state.status
        }
        logger.notice("billing: refund made", metadata: ["payment_id": "\(payment.id)", "amount_minor": "\(amount)", "actor": "\(actor)"])
        return RefundDTO(paymentID: payment.id, refundID: refund.providerRefundID, amountMinor: amount, currency: money.currency,
                         paymentStatus: status.rawValue)
    }
}
