import CampusAccounts
import CampusCore
import CampusPlatform
import Crypto
import FluentKit
import Foundation
import Logging

/// `POST /api/v1/billing/webhooks/yookassa`. YooKassa does not sign its notifications, so the body is only
/// a hint: it is accepted from YooKassa's networks alone, and Campus acts on the payment (or refund) it
/// fetches again from the API.
package struct YooKassaWebhook: BillingWork {
    package let context: BillingContext

    package init(_ context: BillingContext) {
        self.context = context
    }

    static let handled: Set<String> = ["payment.succeeded", "payment.waiting_for_capture", "payment.canceled", "refund.succeeded"]

    package func receive(body: Data, from address: String) async throws -> WebhookAnswerDTO {
        guard let provider = billing.providers[.yookassa] as? YooKassaProvider else { throw Problem.notFound("The YooKassa webhook") }
        guard billing.yookassaNetworks.contains(address) else { throw BillingError.outsideTrustedNetworks }
        guard let notification = try? JSONValue.parse(body), let event = notification["event"]?.stringValue,
              let objectID = notification["object"]?["id"]?.stringValue, !objectID.isEmpty, objectID.count <= 64 else {
            throw Problem.validation(field: "body", "must be a YooKassa notification with event and object.id")
        }
        guard Self.handled.contains(event) else {
            logger.info("billing: YooKassa event not handled; ignored", metadata: ["event": "\(event)"])
            return WebhookAnswerDTO(status: "ignored", detail: "event \(event) is not handled")
        }
        let refund: (id: String, amount: Money)?
        let paymentID: String
        if event == "refund.succeeded" {
            guard let fetched = try await fetch({ try await provider.refund(objectID) }), fetched.succeeded else {
                return WebhookAnswerDTO(status: "ignored", detail: "YooKassa reports no such succeeded refund")
            }
            refund = (objectID, fetched.amount)
            paymentID = fetched.paymentID
        } else {
            refund = nil
            paymentID = objectID
        }
        guard let report = try await fetch({ try await provider.payment(paymentID) }) else {
            return WebhookAnswerDTO(status: "ignored", detail: "YooKassa reports no such payment")
        }
        let now = clock.now()
        let hash = SHA256.hash(data: body).hexString
        // What the re-fetched payment says is the event: a redelivery that finds it unchanged is answered as done.
        let eventID = "\(event):\(objectID):\(report.captured ? "captured" : report.canceled ? "canceled" : "pending"):\(report.refundedTotal)"
        let grace = billing.settings.gracePeriod
        return try await database.transaction { database in
            let store = BillingStore(database: database)
            guard try await store.claimEvent(provider: .yookassa, eventID: eventID, type: event, payloadHash: hash, at: now) else {
                return WebhookAnswerDTO(status: "already_processed", detail: nil)
            }
            let ledger = BillingLedger(database: database, now: now, grace: grace)
            var outcome = try await ledger.apply(report, from: .yookassa, to: report.campusPaymentID, logger: logger)
            if let refund, outcome != .unknownPayment, outcome != .amountMismatch,
               let payment = try await store.payment(provider: .yookassa, providerPaymentID: paymentID) {
                _ = try await store.recordRefund(paymentID: payment.id, provider: .yookassa, providerRefundID: refund.id, amount: refund.amount,
                                                 actor: nil, at: now)
                outcome = .applied
            }
            try await store.finishEvent(provider: .yookassa, eventID: eventID, outcome: outcome.rawValue, at: now)
            switch outcome {
            case .unknownPayment: return WebhookAnswerDTO(status: "ignored", detail: "no Campus payment matches")
            case .amountMismatch: return WebhookAnswerDTO(status: "ignored", detail: "the amount differs from the one Campus asked for")
            default: return WebhookAnswerDTO(status: "processed", detail: nil)
            }
        }
    }

    /// A provider that does not answer makes YooKassa deliver again later (503), instead of losing the notification.
    private func fetch<T>(_ call: () async throws -> T?) async throws -> T? {
        do {
            return try await call()
        } catch is PaymentProviderUnavailable {
            throw BillingError.providerUnavailable
        }
    }
}
