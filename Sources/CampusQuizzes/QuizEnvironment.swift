import CampusCore
import CampusPlatform
import FluentKit
import Foundation
import Logging
import Vapor

/// What one request's quiz work runs with: the shared services, its database handle and logger.
package struct QuizEnvironment: Sendable {
    package let platform: PlatformServices
    package let quizzes: QuizzesServices
    package let database: any Database
    package let logger: Logger
    /// Who asked, for the per-address limit on paid recommendation calls.
    package var clientAddress: String?

    package init(platform: PlatformServices, quizzes: QuizzesServices, database: any Database, logger: Logger, clientAddress: String? = nil) {
        self.platform = platform
        self.quizzes = quizzes
        self.database = database
        self.logger = logger
        self.clientAddress = clientAddress
    }

    package var content: any ContentStore { platform.content }
    package var catalog: QuizCatalog { QuizCatalog(content: platform.content, derived: platform.derived) }
    package var now: Date { platform.clock.now() }
}

extension Request {
    package var quizEnvironment: QuizEnvironment {
        QuizEnvironment(platform: platform, quizzes: application.quizzes, database: campusDB, logger: logger)
    }

    /// For work that may call the LLM (a submit): with the caller's address for its per-address limit.
    /// Reads leave it out, because working it out is a lookup every request would pay.
    package var quizEnvironmentWithAddress: QuizEnvironment {
        var environment = quizEnvironment
        environment.clientAddress = clientAddress
        return environment
    }
}
