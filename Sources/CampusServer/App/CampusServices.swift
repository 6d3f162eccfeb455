import CampusCore
import CampusAccounts
import CampusCatalog
import CampusLearning
import CampusPlatform
import CampusQuizzes
import Vapor

/// What `CampusApp.configure` assembled, for the command line, the lifecycle and tests. Domains never
/// see it: each reads only its own services and the platform's.
struct CampusServices: Sendable {
    let platform: PlatformServices
    let accounts: AccountsServices
    let quizzes: QuizzesServices

    var config: CampusConfiguration { platform.config }
    var content: any ContentStore { platform.content }
    var background: BackgroundWork { platform.background }
    var outbox: OutboxSender { accounts.outbox }
    var passwords: CampusAccounts.PasswordHasher { accounts.passwords }
    var recommendations: RecommendationQueue { quizzes.recommendations }
}

extension Application {
    /// The services when `configure` got far enough to set them (tests clean up after failures).
    var campusIfConfigured: CampusServices? {
        guard let platform = platformIfConfigured, let accounts = accountsIfConfigured, let quizzes = quizzesIfConfigured else { return nil }
        return CampusServices(platform: platform, accounts: accounts, quizzes: quizzes)
    }

    var campus: CampusServices {
        guard let services = campusIfConfigured else { fatalError("Campus services are used before CampusApp.configure ran") }
        return services
    }
}
