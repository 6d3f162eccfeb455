import Crypto
import Foundation
import NIOPosix
import Vapor

/// bcrypt over base64(SHA-256(password)), the scheme the replaced service stores, which also lifts
/// bcrypt's 72-byte limit. Hashing runs on its own small thread pool, one thread fewer than the
/// machine has cores, so a login storm cannot take every core from the event loops.
final class PasswordHasher: Sendable {
    let cost: Int
    private let pool: NIOThreadPool
    /// A hash to verify against when the email is unknown, so both answers take the same time.
    private let decoyHash: String

    init(cost: Int) throws {
        self.cost = cost
        self.pool = NIOThreadPool(numberOfThreads: max(1, System.coreCount - 1))
        self.pool.start()
        self.decoyHash = try Bcrypt.hash(Self.prehash(TokenService.newRefreshToken()), cost: cost)
    }

    static func prehash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await pool.runIfActive {
            try Bcrypt.hash(Self.prehash(password), cost: cost)
        }
    }

    /// False for a wrong password, an unknown user (nil hash) or a hash Campus cannot read.
    func verify(_ password: String, against hash: String?) async -> Bool {
        let target = hash ?? decoyHash
        let matched = (try? await pool.runIfActive {
            try Bcrypt.verify(Self.prehash(password), created: target)
        }) ?? false
        return matched && hash != nil
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
