import AsyncHTTPClient
import CampusCore
import Foundation

/// YooKassa API v3: Basic auth with the shop id and secret key, an `Idempotence-Key` on every POST,
/// amounts as decimal strings. It has no subscription object: a plan's first payment saves the method
/// and Campus charges it again each period (`RenewalJob`).
package struct YooKassaProvider: PaymentProvider {
    package var name: ProviderName { .yookassa }
    let http: ProviderHTTP
    let authorization: String

    package init(client: HTTPClient, baseURL: String, shopID: String, secretKey: String) {
        self.http = ProviderHTTP(provider: .yookassa, client: client, baseURL: baseURL)
        self.authorization = "Basic " + Data("\(shopID):\(secretKey)".utf8).base64EncodedString()
    }

    private func headers(idempotencyKey: String? = nil) -> [(String, String)] {
        var headers = [("Authorization", authorization)]
        if let idempotencyKey { headers.append(("Idempotence-Key", idempotencyKey)) }
        return headers
    }

    private func post(_ path: String, _ body: JSONValue, idempotencyKey: String) async throws -> JSONValue {
        try await http.send(.POST, path, headers: headers(idempotencyKey: idempotencyKey), body: Data(try body.jsonBytes()),
                            contentType: "application/json")
    }

    private static func amount(_ money: Money) -> JSONValue {
        ["value": .string(money.decimalString), "currency": .string(money.currency)]
    }

    private static func metadata(_ order: CheckoutOrder) -> JSONValue {
        var metadata: [String: JSONValue] = ["campus_payment_id": .string(order.paymentID.uuidString.lowercased())]
        if let subscriptionID = order.subscriptionID { metadata["campus_subscription_id"] = .string(subscriptionID.uuidString.lowercased()) }
        return .object(metadata)
    }

    package func startCheckout(_ order: CheckoutOrder) async throws -> CheckoutStarted {
        var body: [String: JSONValue] = [
            "amount": Self.amount(order.amount),
            "capture": true,
            "confirmation": ["type": "redirect", "return_url": .string(order.returnURL)],
            "description": .string(String(order.description.prefix(128))),
            "metadata": Self.metadata(order),
        ]
        if order.recurring != nil { body["save_payment_method"] = true }
        let payment = try await post("/v3/payments", .object(body), idempotencyKey: "checkout-" + order.paymentID.uuidString.lowercased())
        guard let id = payment["id"]?.stringValue, let url = payment["confirmation"]?["confirmation_url"]?.stringValue else {
            throw PaymentProviderUnavailable(provider: .yookassa, reason: "a payment without id or confirmation_url")
        }
        return CheckoutStarted(providerPaymentID: id, confirmationURL: url)
    }

    package func payment(_ providerPaymentID: String) async throws -> ProviderPayment? {
        guard !providerPaymentID.isEmpty, providerPaymentID.count <= 64,
              providerPaymentID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        do {
            return Self.payment(from: try await http.send(.GET, "/v3/payments/\(providerPaymentID)", headers: headers()))
        } catch is PaymentProviderRefused {
            return nil
        }
    }

    /// A refund as YooKassa reports it now (notifications are not trusted): its payment and amount.
    package func refund(_ refundID: String) async throws -> (paymentID: String, amount: Money, succeeded: Bool)? {
        guard !refundID.isEmpty, refundID.count <= 64,
              refundID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        let refund: JSONValue
        do {
            refund = try await http.send(.GET, "/v3/refunds/\(refundID)", headers: headers())
        } catch is PaymentProviderRefused {
            return nil
        }
        guard let paymentID = refund["payment_id"]?.stringValue, let currency = refund["amount"]?["currency"]?.stringValue,
              let value = refund["amount"]?["value"]?.stringValue, let amount = Money(decimal: value, currency: currency) else { return nil }
        return (paymentID, amount, refund["status"]?.stringValue == "succeeded")
    }

    static func payment(from object: JSONValue) -> ProviderPayment? {
        guard let id = object["id"]?.stringValue, let currency = object["amount"]?["currency"]?.stringValue,
              let value = object["amount"]?["value"]?.stringValue, let amount = Money(decimal: value, currency: currency) else { return nil }
        let status = object["status"]?.stringValue
        let refunded = object["refunded_amount"]?["value"]?.stringValue.flatMap { Money(decimal: $0, currency: currency)?.minor } ?? 0
        let method = object["payment_method"]
        let captured = status == "succeeded"
        return ProviderPayment(providerPaymentID: id, reference: id,
                               campusPaymentID: object["metadata"]?["campus_payment_id"]?.stringValue.flatMap(UUID.init(uuidString:)),
                               amount: amount, captured: captured, canceled: status == "canceled", refundedTotal: refunded,
                               savedPaymentMethodID: method?["saved"]?.boolValue == true ? method?["id"]?.stringValue : nil,
                               providerSubscriptionID: nil,
                               paidAt: captured ? (object["captured_at"]?.stringValue).flatMap(ISOTime.parse) : nil)
    }

    package func refund(reference: String, amount: Money, idempotencyKey: String) async throws -> ProviderRefund {
        let refund = try await post("/v3/refunds", ["payment_id": .string(reference), "amount": Self.amount(amount)], idempotencyKey: idempotencyKey)
        guard let id = refund["id"]?.stringValue, let value = refund["amount"]?["value"]?.stringValue,
              let refunded = Money(decimal: value, currency: amount.currency) else {
            throw PaymentProviderUnavailable(provider: .yookassa, reason: "a refund without id or amount")
        }
        return ProviderRefund(providerRefundID: id, amount: refunded, succeeded: refund["status"]?.stringValue == "succeeded")
    }

    /// Nothing to tell YooKassa: Campus simply stops renewing.
    package func cancelAtPeriodEnd(providerSubscriptionID: String) async throws {}

    package func chargeSaved(methodID: String, order: CheckoutOrder, idempotencyKey: String) async throws -> ProviderPayment? {
        let body: JSONValue = [
            "amount": Self.amount(order.amount),
            "capture": true,
            "payment_method_id": .string(methodID),
            "description": .string(String(order.description.prefix(128))),
            "metadata": Self.metadata(order),
        ]
        return Self.payment(from: try await post("/v3/payments", body, idempotencyKey: idempotencyKey))
    }

    package func payments(since: Date) async throws -> [ProviderPayment] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var found: [ProviderPayment] = []
        var cursor: String?
        for _ in 0..<100 {
            var query = "/v3/payments?limit=100&created_at.gte=\(FormEncoding.escape(formatter.string(from: since)))"
            if let cursor { query += "&cursor=\(FormEncoding.escape(cursor))" }
            let page = try await http.send(.GET, query, headers: headers())
            found += (page["items"]?.arrayValue ?? []).compactMap(Self.payment(from:))
            guard let next = page["next_cursor"]?.stringValue, !next.isEmpty else { break }
            cursor = next
        }
        return found
    }
}
