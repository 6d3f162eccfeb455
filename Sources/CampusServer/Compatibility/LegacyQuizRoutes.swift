import CampusCore
import Vapor

/// The public skills test's front end, unchanged: `GET /questions`, `POST /results`,
/// `GET /results/{result_id}`, with `x-api-key`. Guest attempts on `CAMPUS_PUBLIC_QUIZ_ID` over the
/// same engine. The key ships in a web page, so it is no protection: every route is limited per
/// client address, and result ids are unguessable tokens.
struct LegacyQuizRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reads = routes.grouped(PublicAPIKey(), PublicRateLimit(bucket: "public-read", perMinute: 120))
        reads.get("questions", use: questions)
        reads.get("results", ":resultID", use: result)
        routes.grouped(PublicAPIKey(), PublicRateLimit(bucket: "public-submit", perMinute: 10)).post("results", use: submit)
    }

    struct LegacyQuestion: Content {
        var id: String
        var category: String
        var type: String?
        var question: String
        var options: [QuestionOption]
    }

    struct SubmitRequest: Content {
        struct Guest: Content {
            var name: String?
            var email: String?
            var experience: String?
        }

        var user: Guest?
        var answers: [String: JSONValue]?
    }

    struct LegacyCategory: Content {
        var score: Int
        var weight: Double
        var name: String
    }

    struct LegacyResult: Content {
        var resultID: String
        var overallScore: Int
        var level: String?
        var categories: [String: LegacyCategory]
        var strengths: [String]
        var weaknesses: [String]
        var recommendations: JSONValue
        var questionDetails: [QuestionDetailDTO]?
        var user: LegacyUser?
        var createdAt: Date?

        enum CodingKeys: String, CodingKey {
            case overallScore, level, categories, strengths, weaknesses, recommendations, user
            case resultID = "result_id"
            case questionDetails = "question_details"
            case createdAt = "created_at"
        }
    }

    struct LegacyUser: Content {
        var name: String?
        var experience: String?
    }

    @Sendable func questions(req: Request) async throws -> [LegacyQuestion] {
        let catalog = QuizCatalog(content: req.campus.content)
        let quiz = try await catalog.quiz(req.campus.config.publicQuizID)
        let questions = try await catalog.questions(of: quiz)
        return quiz.questionIDs.compactMap { id in
            questions[id].map { LegacyQuestion(id: $0.id, category: $0.category, type: $0.type, question: $0.text, options: $0.options) }
        }
    }

    @Sendable func submit(req: Request) async throws -> LegacyResult {
        let body = try req.content.decode(SubmitRequest.self)
        guard let answers = body.answers else { throw Problem.validation(field: "answers", "is required") }
        var check = FieldValidator()
        let name = body.user?.name.flatMap { check.required("user.name", $0, maxLength: 100) }
        var experience: String?
        if let raw = body.user?.experience, !raw.isEmpty {
            experience = ExperienceBand(lenient: raw)?.rawValue
            if experience == nil { check.fail("user.experience", "must be one of \(ExperienceBand.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        try check.throwIfInvalid()
        let (token, finished) = try await req.quizService.submitGuest(quizID: req.campus.config.publicQuizID, name: name,
                                                                     experience: experience, answers: answers)
        return try await legacy(token: token, attempt: finished.attempt, details: finished.details, quiz: finished.quiz, req: req, withUser: false)
    }

    @Sendable func result(req: Request) async throws -> LegacyResult {
        let token = try req.parameters.require("resultID")
        let service = req.quizService
        var attempt = try await service.guestAttempt(token: token)
        var details = try await service.loadDetails(attempt)
        if let closed = try await service.closeIfPastDeadline(attempt) {
            attempt = closed.attempt
            details = closed.details
        }
        let quiz = try await QuizCatalog(content: req.campus.content).quiz(attempt.quizContentID)
        return try await legacy(token: token, attempt: attempt, details: details, quiz: quiz, req: req, withUser: true)
    }

    private func legacy(token: String, attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, req: Request,
                        withUser: Bool) async throws -> LegacyResult {
        let result = try await QuizPresenter(service: req.quizService).result(attempt, details: details, quiz: quiz)
        return LegacyResult(
            resultID: token,
            overallScore: result.score,
            level: result.level,
            categories: result.categoryScores.mapValues { LegacyCategory(score: $0.score, weight: $0.weight, name: $0.name) },
            strengths: result.strengths,
            weaknesses: result.weaknesses,
            recommendations: result.recommendations,
            questionDetails: result.questionDetails,
            user: withUser ? LegacyUser(name: attempt.guestName, experience: attempt.guestExperience) : nil,
            createdAt: withUser ? attempt.createdAt ?? attempt.startedAt : nil
        )
    }
}

/// `x-api-key` must match `CAMPUS_PUBLIC_API_KEY` when that is set.
struct PublicAPIKey: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let expected = request.campus.config.publicAPIKey, request.headers.first(name: "x-api-key") != expected {
            throw Problem(.unauthorized, "invalid-api-key", title: "Invalid API key", detail: "Send the public test's key in x-api-key.")
        }
        return try await next.respond(to: request)
    }
}

struct PublicRateLimit: AsyncMiddleware {
    let bucket: String
    let perMinute: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let limit = request.campus.config.authRatePerMinute == 0 ? 0 : perMinute
        if let wait = try await request.campus.rateLimiter.hit("\(bucket):\(request.clientAddress)", limit: limit) {
            throw Problem.rateLimited(retryAfter: wait)
        }
        return try await next.respond(to: request)
    }
}
