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
    package var accountsIfConfigured: AccountsServices? { domainServicesIfSet() }

    package var accounts: AccountsServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var accounts: AccountsServices { application.accounts }
}
