import CampusPlatform
import Vapor

/// Limits the public test's routes per client address: its API key ships in a web page, so it is no
/// protection by itself. Off with the other per-address limits (`CAMPUS_AUTH_RATE_PER_MINUTE=0`).
package struct PublicRateLimit: AsyncMiddleware {
    package let bucket: String
    package let perMinute: Int

    package init(bucket: String, perMinute: Int) {
        self.bucket = bucket
        self.perMinute = perMinute
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.platform.config.authRatePerMinute == 0 ? 0 : perMinute
        if let wait = try await request.platform.rateLimiter.hit("\(bucket):\(request.clientAddress)", limit: limit) {
            throw Problem.rateLimited(retryAfter: wait)
        }
        return try await next.respond(to: request)
    }
}
