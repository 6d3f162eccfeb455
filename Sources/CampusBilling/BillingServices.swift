import AsyncHTTPClient
import CampusPlatform
import Foundation
import Vapor

/// What the billing domain keeps for the life of the process: the configured providers and settings.
package final class BillingServices: Sendable {
    package let settings: BillingConfiguration
    package let providers: [ProviderName: any PaymentProvider]
    package let yookassaNetworks: IPAddressMatcher

    package init(settings: BillingConfiguration, providers: [ProviderName: any PaymentProvider]) {
        self.settings = settings
        self.providers = providers
        self.yookassaNetworks = IPAddressMatcher(settings.yookassaTrustedNetworks)
    }

    /// The providers the settings configure, talking over `client`.
    package convenience init(settings: BillingConfiguration, client: HTTPClient) {
        var providers: [ProviderName: any PaymentProvider] = [:]
        if let key = settings.stripeSecretKey, !settings.stripeWebhookSecrets.isEmpty {
            providers[.stripe] = StripeProvider(client: client, baseURL: settings.stripeAPIURL, secretKey: key)
        }
        if let shop = settings.yookassaShopID, let key = settings.yookassaSecretKey {
            providers[.yookassa] = YooKassaProvider(client: client, baseURL: settings.yookassaAPIURL, shopID: shop, secretKey: key)
        }
        self.init(settings: settings, providers: providers)
    }

    /// Offered providers in a stable order.
    package var offered: [ProviderName] { ProviderName.allCases.filter { providers[$0] != nil } }

    package func provider(_ name: String) throws -> any PaymentProvider {
        guard let known = ProviderName(rawValue: name), let provider = providers[known] else { throw BillingError.providerNotOffered(name) }
        return provider
    }
}

extension Application {
    package var billing: BillingServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var billing: BillingServices { application.billing }
}
