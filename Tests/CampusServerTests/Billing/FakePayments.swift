import Foundation
import Testing
import Vapor
@testable import CampusPlatform

/// tools/fake-payments/server.py (Stripe's and YooKassa's documented shapes, signing like Stripe), started
/// for one test.
final class FakePayments: Sendable {
    static let python = "/usr/bin/python3"
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("tools/fake-payments/server.py").path
    static let stripeKey = "sk_test_campus_fake_key"
    static let webhookSecret = "whsec_campus_fake_secret"
    static let shopID = "424242"
    static let yookassaKey = "test_campus_fake_yookassa_key"

    let server: ReadyProcess
    var port: Int { server.port }
    var base: String { "http://127.0.0.1:\(port)" }

    init() throws {
        server = try ReadyProcess(Self.python, [Self.script, "--port", "0", "--stripe-secret-key", Self.stripeKey,
                                                "--stripe-webhook-secret", Self.webhookSecret, "--yookassa-shop-id", Self.shopID,
                                                "--yookassa-secret-key", Self.yookassaKey])
    }

    func stop() { server.stop() }

    /// Billing settings that point both providers at this fake.
    func configure(_ config: inout CampusPlatform.CampusConfiguration) {
        config.billing.stripeSecretKey = Self.stripeKey
        config.billing.stripeWebhookSecrets = [Self.webhookSecret]
        config.billing.stripeAPIURL = base
        config.billing.yookassaShopID = Self.shopID
        config.billing.yookassaSecretKey = Self.yookassaKey
        config.billing.yookassaAPIURL = base
        config.allowedOrigins = ["https://app.example.com"]
    }

    /// A control endpoint of the fake; its JSON answer.
    @discardableResult
    func control(_ path: String, _ body: [String: Any] = [:], on app: Application) async throws -> [String: Any] {
        let response = try await app.client.post(URI(string: base + path)) { request in
            request.headers.contentType = .json
            request.body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))
        }
        guard let buffer = response.body else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }

    func get(_ path: String, on app: Application) async throws -> Any? {
        let response = try await app.client.get(URI(string: base + path))
        guard let buffer = response.body else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(buffer: buffer))
    }
}

/// Runs `body` with a fake provider and a Campus pointed at it.
func withBilling(_ engine: TestEngine, configure: (inout CampusPlatform.CampusConfiguration) -> Void = { _ in }, logger: Logger? = nil,
                 _ body: (TestCampus, FakePayments) async throws -> Void) async throws {
    let fake = try FakePayments()
    defer { fake.stop() }
    try await withCampus(engine, configure: { config in
        fake.configure(&config)
        configure(&config)
    }, logger: logger) { campus in
        try await body(campus, fake)
    }
}
