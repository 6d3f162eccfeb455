import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging

/// `campus billing reconcile --since DATE`: asks each provider for its payments since a date, compares
/// them with Campus's rows and applies what Campus missed (a lost notification, a crash between the
/// provider's charge and Campus's record). Applying the provider's facts is idempotent, so running it
/// twice changes nothing the second time.
package struct Reconciler: BillingWork {
    package let context: BillingContext

    package init(_ context: BillingContext) {
        self.context = context
    }

    package struct Difference: Sendable, CustomStringConvertible {
        package var provider: ProviderName
        package var providerPaymentID: String
        package var campusPaymentID: UUID?
        package var campus: String
        package var reported: String
        package var fixed: Bool

        package var description: String {
            let who = campusPaymentID.map { "payment \($0.uuidString.lowercased())" } ?? "no Campus payment"
            return "\(provider.rawValue) \(providerPaymentID) (\(who)): Campus \(campus), provider \(reported)\(fixed ? " → fixed" : " → not fixed")"
        }
    }

    package func run(since: Date) async throws -> [Difference] {
        var differences: [Difference] = []
        for name in billing.offered {
            guard let provider = billing.providers[name] else { continue }
            for report in try await provider.payments(since: since) {
                let store = BillingStore(database: database)
                var payment: PaymentRecord?
                if let id = report.campusPaymentID { payment = try await store.payment(id: id) }
                if payment == nil { payment = try await store.payment(provider: name, providerPaymentID: report.providerPaymentID) }
                let reported = PaymentState(amount: report.amount.minor, captured: report.captured, canceled: report.canceled,
                                            refunded: report.refundedTotal)
                guard let payment else {
                    differences.append(Difference(provider: name, providerPaymentID: report.providerPaymentID, campusPaymentID: nil,
                                                  campus: "none", reported: reported.status.rawValue, fixed: false))
                    continue
                }
                // Stripe lists sessions without their refunds' total unless a refund exists; a smaller report never lowers Campus's.
                let merged = [PaymentState.Event]([report.captured ? .succeeded : nil, report.canceled ? .canceled : nil,
                                                   report.refundedTotal > 0 ? .refunded(total: report.refundedTotal) : nil].compactMap { $0 })
                    .reduce(payment.state) { $0.applying($1) }
                guard merged != payment.state || payment.providerPaymentID == nil else { continue }
                let now = clock.now()
                let outcome = try await database.transaction { database in
                    try await BillingLedger(database: database, now: now, grace: billing.settings.gracePeriod)
                        .apply(report, from: name, to: payment.id, logger: logger)
                }
                differences.append(Difference(provider: name, providerPaymentID: report.providerPaymentID, campusPaymentID: payment.id,
                                              campus: payment.state.status.rawValue, reported: reported.status.rawValue,
                                              fixed: outcome == .applied || outcome == .unchanged))
            }
        }
        return differences
    }
}
