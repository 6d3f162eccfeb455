import Vapor

/// `POST /api/v1/users/me/quiz-attempts/claim`: a guest of the public test who signs up keeps the result.
struct GuestResultRoutes: RouteCollection {
    struct ClaimRequest: Content {
        var resultID: String?

        enum CodingKeys: String, CodingKey {
            case resultID = "result_id"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("users", "me", "quiz-attempts").grouped(RequireAuth()).post("claim", use: claim)
    }

    @Sendable func claim(req: Request) async throws -> AttemptSummaryDTO {
        let body = try req.content.decode(ClaimRequest.self)
        guard let token = body.resultID, !token.isEmpty else { throw Problem.validation(field: "result_id", "is required") }
        let attempt = try await req.quizService.claim(token: token, userID: try req.requireAuth().userID)
        return AttemptSummaryDTO(attempt)
    }
}
