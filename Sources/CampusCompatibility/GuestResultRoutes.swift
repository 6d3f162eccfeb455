import CampusAccounts
import CampusCatalog
import CampusPlatform
import CampusQuizzes
import Vapor

/// `POST /api/v1/users/me/quiz-attempts/claim`: a guest of the public test who signs up keeps the result.
package struct GuestResultRoutes: RouteCollection {
    package init() {}

    package struct ClaimRequest: Content {
        package var resultID: String?

        package init(resultID: String? = nil) {
            self.resultID = resultID
        }

        package enum CodingKeys: String, CodingKey {
            case resultID = "result_id"
        }
    }

    package func boot(routes: any RoutesBuilder) throws {
        routes.grouped("users", "me", "quiz-attempts").grouped(RequireAuth()).post("claim", use: claim)
    }

    @Sendable package func claim(req: Request) async throws -> AttemptSummaryDTO {
        let body = try req.content.decode(ClaimRequest.self)
        guard let token = body.resultID, !token.isEmpty else { throw Problem.validation(field: "result_id", "is required") }
        let attempt = try await GuestAttempts(req.quizEnvironment).claim(token: token, userID: try req.requireAuth().userID)
        return AttemptSummaryDTO(attempt)
    }
}
