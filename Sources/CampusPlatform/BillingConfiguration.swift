import Foundation

/// Billing's settings, part of `CampusConfiguration` (parsed with it, so every bad variable is named at once).
public struct BillingConfiguration: Sendable {
    package var stripeSecretKey: String?
    package var stripeWebhookSecrets: [String] = []
    package var stripeAPIURL = "https://api.stripe.com"
    package var yookassaShopID: String?
    package var yookassaSecretKey: String?
    package var yookassaAPIURL = "https://api.yookassa.ru"
    /// YooKassa's published notification addresses (its "Входящие уведомления" page).
    package var yookassaTrustedNetworks = [
        "185.71.76.0/27", "185.71.77.0/27", "77.75.153.0/25", "77.75.156.11", "77.75.156.35", "77.75.154.128/25", "2a02:5180::/32",
    ]
    /// Access kept while a failed renewal is retried, before the subscription expires.
    package var gracePeriod: TimeInterval = 3 * 86_400
    /// How long before the period ends a YooKassa renewal is charged, and between retries.
    package var renewalLead: TimeInterval = 86_400
    package var renewalRetry: TimeInterval = 6 * 3_600

    public init() {}

    static func parse(_ value: (String) -> String?, problems: inout [String]) -> BillingConfiguration {
        var settings = BillingConfiguration()
        func url(_ name: String) -> String? {
            guard let raw = value(name) else { return nil }
            guard let parsed = URL(string: raw), parsed.scheme == "https" || parsed.scheme == "http", parsed.host != nil else {
                problems.append("\(name) must be an http(s) URL")
                return nil
            }
            return raw
        }
        settings.stripeSecretKey = value("CAMPUS_STRIPE_SECRET_KEY")
        settings.stripeWebhookSecrets = value("CAMPUS_STRIPE_WEBHOOK_SECRET")?.split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty } ?? []
        if (settings.stripeSecretKey == nil) != settings.stripeWebhookSecrets.isEmpty {
            problems.append("CAMPUS_STRIPE_SECRET_KEY and CAMPUS_STRIPE_WEBHOOK_SECRET go together: Stripe is offered only with both")
        }
        if let api = url("CAMPUS_STRIPE_API_URL") { settings.stripeAPIURL = api }
        settings.yookassaShopID = value("CAMPUS_YOOKASSA_SHOP_ID")
        settings.yookassaSecretKey = value("CAMPUS_YOOKASSA_SECRET_KEY")
        if (settings.yookassaShopID == nil) != (settings.yookassaSecretKey == nil) {
            problems.append("CAMPUS_YOOKASSA_SHOP_ID and CAMPUS_YOOKASSA_SECRET_KEY go together: YooKassa is offered only with both")
        }
        if let api = url("CAMPUS_YOOKASSA_API_URL") { settings.yookassaAPIURL = api }
        if let networks = value("CAMPUS_YOOKASSA_TRUSTED_NETWORKS") {
            settings.yookassaTrustedNetworks = networks.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for network in settings.yookassaTrustedNetworks where !IPAddressMatcher.isValid(network) {
                problems.append("CAMPUS_YOOKASSA_TRUSTED_NETWORKS entry \(network) is not an IP address or CIDR range")
            }
        }
        if let days = value("CAMPUS_BILLING_GRACE_DAYS") {
            if let number = Int(days), (0...60).contains(number) { settings.gracePeriod = TimeInterval(number) * 86_400 }
            else { problems.append("CAMPUS_BILLING_GRACE_DAYS must be a whole number from 0 to 60") }
        }
        return settings
    }
}
