import AsyncHTTPClient
import CampusCore
import CampusPlatform
import Foundation
import NIOCore
import NIOHTTP1

/// One provider API call: a bounded wait, the provider's 5xx and network failures as "unavailable",
/// its 4xx as "refused" with the provider's own message. Credentials go only into headers and are
/// never part of an error.
struct ProviderHTTP: Sendable {
    let provider: ProviderName
    let client: HTTPClient
    let baseURL: String
    var timeout: TimeAmount = .seconds(15)

    func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)], body: Data? = nil,
              contentType: String? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: baseURL.trimmingSuffix("/") + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(data: body)) }
        let response: HTTPClientResponse
        let data: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            data = try await response.body.collect(upTo: 4 << 20)
        } catch {
            throw PaymentProviderUnavailable(provider: provider, reason: "no answer (\(type(of: error)))")
        }
        let json = try? JSONValue.parse(Data(buffer: data))
        switch response.status.code {
        case 200..<300:
            guard let json else { throw PaymentProviderUnavailable(provider: provider, reason: "an answer that is not JSON") }
            return json
        case 404:
            throw PaymentProviderRefused(provider: provider, reason: "not found")
        case 400..<500 where response.status != .tooManyRequests:
            let message = json?["error"]?["message"]?.stringValue ?? json?["description"]?.stringValue ?? "status \(response.status.code)"
            throw PaymentProviderRefused(provider: provider, reason: String(message.prefix(300)))
        default:
            throw PaymentProviderUnavailable(provider: provider, reason: "status \(response.status.code)")
        }
    }
}
