import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Vapor

/// `/api/v1/quizzes/...` and the caller's attempts under `/api/v1/users/me`.
package struct QuizRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let quizzes = routes.grouped("quizzes")
        quizzes.get(use: list)
        quizzes.get(":quizID", use: show)
        quizzes.get(":quizID", "questions", use: questions)
        let signedIn = quizzes.grouped(RequireAuth())
        signedIn.post(":quizID", "start", use: start)
        signedIn.put(":quizID", "attempts", ":attemptID", "answers", use: saveAnswers)
        // On the request's loop, as the attempt read: a submit is a dozen statements and under a millisecond of work
        // between them, and each statement from the global pool cost two thread hand-offs (issue 18).
        signedIn.post(":quizID", "attempts", ":attemptID", "submit") { req in
            req.respondOnEventLoop { try await submit(req: req).encodeResponse(for: req) }
        }
        signedIn.get(":quizID", "attempts", ":attemptID") { req in req.respondOnEventLoop { try await attempt(req: req) } }

        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get("quiz-attempts", use: myAttempts)
        me.get("quiz-stats", use: myStats)
    }

    @Sendable package func list(req: Request) async throws -> Page<QuizCardDTO> {
        let page = try PageRequest(req)
        let (cards, next) = try await QuizBrowsing(req.quizEnvironment).list(after: try page.afterKey(), limit: page.limit, caller: req.authContext)
        return Page(items: cards, nextCursor: next.map { Cursor.encode(key: $0) })
    }

    @Sendable package func show(req: Request) async throws -> QuizCardDTO {
        try await QuizBrowsing(req.quizEnvironment).card(try req.parameters.require("quizID"), caller: req.authContext)
    }

    @Sendable package func questions(req: Request) async throws -> [QuestionDTO] {
        try await QuizBrowsing(req.quizEnvironment).questions(try req.parameters.require("quizID"))
    }

    @Sendable package func start(req: Request) async throws -> Response {
        let (attempt, created) = try await AttemptService(req.quizEnvironment).start(quizID: try req.parameters.require("quizID"),
                                                                                     user: try req.requireSignedInUser())
        return try attempt.response(status: created ? .created : .ok)
    }

    @Sendable package func saveAnswers(req: Request) async throws -> AttemptInProgressDTO {
        let body = try req.content.decode(SaveAnswersRequest.self)
        guard let answers = body.answers else { throw Problem.validation(field: "answers", "is required") }
        return try await AttemptService(req.quizEnvironment).saveAnswers(attemptID: try req.parameters.require("attemptID"),
                                                                         quizID: req.parameters.get("quizID"), answers: answers,
                                                                         caller: try req.requireAuth())
    }

    @Sendable package func submit(req: Request) async throws -> AttemptResultDTO {
        let body = try SaveAnswersRequest.read(req.body.data)
        return try await AttemptService(req.quizEnvironmentWithAddress).submit(attemptID: try req.parameters.require("attemptID"),
                                                                    quizID: req.parameters.get("quizID"), answers: body.answers,
                                                                    user: try req.requireSignedInUser(), caller: try req.requireAuth())
    }

    @Sendable package func attempt(req: Request) async throws -> Response {
        let view = try await AttemptService(req.quizEnvironment).read(attemptID: try req.parameters.require("attemptID"),
                                                                      quizID: req.parameters.get("quizID"), caller: try req.requireAuth())
        switch view {
        case .inProgress(let attempt):
            return try attempt.response()
        case .finished(let result):
            return Response.json(try result.jsonBytes())
        }
    }

    @Sendable package func myAttempts(req: Request) async throws -> Page<AttemptSummaryDTO> {
        let caller = try req.requireAuth()
        let page = try PageRequest(req)
        let quizID = req.query[String.self, at: "quiz_id"].flatMap { $0.isEmpty ? nil : $0 }
        let attempts = try await QuizBrowsing(req.quizEnvironment).attempts(userID: caller.userID, quizID: quizID,
                                                                           before: try page.afterUUID(), limit: page.limit)
        return Page(items: attempts.map(AttemptSummaryDTO.init),
                    nextCursor: attempts.count == page.limit ? attempts.last?.id.map(Cursor.encode) : nil)
    }

    @Sendable package func myStats(req: Request) async throws -> QuizStatsDTO {
        let caller = try req.requireAuth()
        guard let quizID = req.query[String.self, at: "quiz_id"], !quizID.isEmpty else {
            throw Problem.validation(field: "quiz_id", "is required")
        }
        return try await QuizBrowsing(req.quizEnvironment).stats(quizID: quizID, userID: caller.userID)
    }
}
