import CampusCore
import CampusPlatform
import Vapor

/// What the accounts domain keeps for the life of the process: signing keys, the password hasher, the
/// mail outbox and the per-instance caches of users and sessions.
package final class AccountsServices: Sendable {
    package let tokens: TokenService
    package let passwords: PasswordHasher
    package let outbox: OutboxSender
    package let loginThrottle = LoginThrottle()
    package let sessions = SessionCache()
    package let userCache: UserSnapshotCache

    package init(tokens: TokenService, passwords: PasswordHasher, outbox: OutboxSender, userCache: UserSnapshotCache) {
        self.tokens = tokens
        self.passwords = passwords
        self.outbox = outbox
        self.userCache = userCache
    }
}

extension Application {
    private struct AccountsKey: StorageKey {
        typealias Value = AccountsServices
    }

    package var accountsIfConfigured: AccountsServices? { storage[AccountsKey.self] }

    package var accounts: AccountsServices {
        get {
            guard let services = storage[AccountsKey.self] else { fatalError("Campus is used before CampusApp.configure ran") }
            return services
        }
        set { storage[AccountsKey.self] = newValue }
    }
}

extension Request {
    package var accounts: AccountsServices { application.accounts }
}
