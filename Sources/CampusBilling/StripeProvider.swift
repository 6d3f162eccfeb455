import AsyncHTTPClient
import CampusCore
import Foundation

/// Stripe through Checkout Sessions: a one-off purchase is `mode=payment`, a plan `mode=subscription`
/// (Stripe renews it and tells Campus by webhook). Requests are form-encoded as Stripe's API expects.
package struct StripeProvider: PaymentProvider {
    package var name: ProviderName { .stripe }
    let http: ProviderHTTP
    let secretKey: String

    package init(client: HTTPClient, baseURL: String, secretKey: String) {
        self.http = ProviderHTTP(provider: .stripe, client: client, baseURL: baseURL)
        self.secretKey = secretKey
    }

    private func headers(idempotencyKey: String? = nil) -> [(String, String)] {
        var headers = [("Authorization", "Bearer \(secretKey)")]
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        return headers
    }

    private func post(_ path: String, _ fields: [(String, String)], idempotencyKey: String?) async throws -> JSONValue {
        try await http.send(.POST, path, headers: headers(idempotencyKey: idempotencyKey), body: Data(FormEncoding.encode(fields).utf8),
                            contentType: "application/x-www-form-urlencoded")
    }

    package func startCheckout(_ order: CheckoutOrder) async throws -> CheckoutStarted {
        let separator = order.returnURL.contains("?") ? "&" : "?"
        var fields: [(String, String)] = [
            ("mode", order.recurring == nil ? "payment" : "subscription"),
            ("success_url", order.returnURL + separator + "payment_id=\(order.paymentID.uuidString.lowercased())&status=success"),
            ("cancel_url", order.returnURL + separator + "payment_id=\(order.paymentID.uuidString.lowercased())&status=canceled"),
            ("client_reference_id", order.paymentID.uuidString.lowercased()),
            ("metadata[campus_payment_id]", order.paymentID.uuidString.lowercased()),
            ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", order.amount.currency.lowercased()),
            ("line_items[0][price_data][unit_amount]", String(order.amount.minor)),
            ("line_items[0][price_data][product_data][name]", order.description),
        ]
        if let email = order.email { fields.append(("customer_email", email)) }
        if let period = order.recurring, let subscriptionID = order.subscriptionID {
            fields.append(("line_items[0][price_data][recurring][interval]", period.rawValue))
            fields.append(("subscription_data[metadata][campus_subscription_id]", subscriptionID.uuidString.lowercased()))
            fields.append(("subscription_data[metadata][campus_payment_id]", order.paymentID.uuidString.lowercased()))
        } else {
            fields.append(("payment_intent_data[metadata][campus_payment_id]", order.paymentID.uuidString.lowercased()))
        }
        let session = try await post("/v1/checkout/sessions", fields, idempotencyKey: "checkout:" + order.paymentID.uuidString.lowercased())
        guard let id = session["id"]?.stringValue, let url = session["url"]?.stringValue else {
            throw PaymentProviderUnavailable(provider: .stripe, reason: "a checkout session without id or url")
        }
        return CheckoutStarted(providerPaymentID: id, confirmationURL: url)
    }

    package func payment(_ providerPaymentID: String) async throws -> ProviderPayment? {
        guard providerPaymentID.hasPrefix("cs_"), providerPaymentID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        do {
            return Self.payment(fromSession: try await http.send(.GET, "/v1/checkout/sessions/\(providerPaymentID)", headers: headers()))
        } catch is PaymentProviderRefused {
            return nil
        }
    }

    /// A Checkout Session read as a payment; refunds are not on the session, so `refundedTotal` is 0 here.
    static func payment(fromSession session: JSONValue) -> ProviderPayment? {
        guard let id = session["id"]?.stringValue, let minor = session["amount_total"]?.intValue,
              let currency = session["currency"]?.stringValue else { return nil }
        let campusID = (session["metadata"]?["campus_payment_id"]?.stringValue ?? session["client_reference_id"]?.stringValue).flatMap(UUID.init(uuidString:))
        let paid = session["payment_status"]?.stringValue == "paid" && session["status"]?.stringValue == "complete"
        return ProviderPayment(providerPaymentID: id, reference: session["payment_intent"]?.stringValue, campusPaymentID: campusID,
                               amount: Money(minor: Int64(minor), currency: currency), captured: paid,
                               canceled: session["status"]?.stringValue == "expired", refundedTotal: 0, savedPaymentMethodID: nil,
                               providerSubscriptionID: session["subscription"]?.stringValue,
                               paidAt: paid ? session["created"]?.intValue.map { Date(timeIntervalSince1970: TimeInterval($0)) } : nil)
    }

    package func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> ProviderRefund {
        let refund = try await post("/v1/refunds", [("payment_intent", reference), ("amount", String(amount.minor))], idempotencyKey: idempotencyKey)
        guard let id = refund["id"]?.stringValue, let minor = refund["amount"]?.intValue else {
            throw PaymentProviderUnavailable(provider: .stripe, reason: "a refund without id or amount")
        }
        return ProviderRefund(providerRefundID: id, amount: Money(minor: Int64(minor), currency: amount.currency),
                              succeeded: refund["status"]?.stringValue == "succeeded")
    }

    package func cancelAtPeriodEnd(providerSubscriptionID: String) async throws {
        _ = try await post("/v1/subscriptions/\(providerSubscriptionID)", [("cancel_at_period_end", "true")], idempotencyKey: nil)
    }

    package func chargeSaved(methodID: String, order: CheckoutOrder, idempotencyKey: String) async throws -> ProviderPayment? { nil }

    package func payments(since: Date) async throws -> [ProviderPayment] {
        var found: [ProviderPayment] = []
        var after: String?
        for _ in 0..<100 {
            var query = "/v1/checkout/sessions?limit=100&created[gte]=\(Int(since.timeIntervalSince1970))"
            if let after { query += "&starting_after=\(after)" }
            let page = try await http.send(.GET, query, headers: headers())
            let sessions = page["data"]?.arrayValue ?? []
            found += sessions.compactMap(Self.payment(fromSession:))
            guard page["has_more"]?.boolValue == true, let last = sessions.last?["id"]?.stringValue else { break }
            after = last
        }
        // Refunds are listed apart; each names its PaymentIntent.
        var refunded: [String: Int64] = [:]
        after = nil
        for _ in 0..<100 {
            var query = "/v1/refunds?limit=100&created[gte]=\(Int(since.timeIntervalSince1970))"
            if let after { query += "&starting_after=\(after)" }
            let page = try await http.send(.GET, query, headers: headers())
            let refunds = page["data"]?.arrayValue ?? []
            for refund in refunds where refund["status"]?.stringValue == "succeeded" {
                if let intent = refund["payment_intent"]?.stringValue { refunded[intent, default: 0] += Int64(refund["amount"]?.intValue ?? 0) }
            }
            guard page["has_more"]?.boolValue == true, let last = refunds.last?["id"]?.stringValue else { break }
            after = last
        }
        return found.map { payment in
            var payment = payment
            if let reference = payment.reference { payment.refundedTotal = refunded[reference] ?? 0 }
            return payment
        }
    }
}

/// `application/x-www-form-urlencoded` as Stripe reads it (brackets in keys are escaped too).
enum FormEncoding {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
