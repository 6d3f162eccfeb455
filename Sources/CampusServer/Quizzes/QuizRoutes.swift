import CampusCore
import FluentKit
import Vapor

/// `/api/v1/quizzes/...` and the caller's attempts under `/api/v1/users/me`.
struct QuizRoutes: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let quizzes = routes.grouped("quizzes")
        quizzes.get(use: list)
        quizzes.get(":quizID", use: show)
        quizzes.get(":quizID", "questions", use: questions)
        let signedIn = quizzes.grouped(RequireAuth())
        signedIn.post(":quizID", "start", use: start)
        signedIn.put(":quizID", "attempts", ":attemptID", "answers", use: saveAnswers)
        signedIn.post(":quizID", "attempts", ":attemptID", "submit", use: submit)
        signedIn.get(":quizID", "attempts", ":attemptID", use: attempt)

        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get("quiz-attempts", use: myAttempts)
        me.get("quiz-stats", use: myStats)
    }

    @Sendable func list(req: Request) async throws -> Page<QuizCardDTO> {
        let page = try PageRequest(req)
        let documents = try await req.campus.content.query(ContentCollection.quizzes, filter: [:], after: try page.afterKey(), limit: page.limit)
        var cards: [QuizCardDTO] = []
        for document in documents {
            guard let quiz = try? QuizContentParser.parseQuiz(document.body, path: document.id) else { continue }
            cards.append(try await card(quiz, req: req))
        }
        return Page(items: cards, nextCursor: documents.count == page.limit ? documents.last.map { Cursor.encode(key: $0.id) } : nil)
    }

    @Sendable func show(req: Request) async throws -> QuizCardDTO {
        let quiz = try await QuizCatalog(content: req.campus.content).quiz(try req.parameters.require("quizID"))
        return try await card(quiz, req: req)
    }

    @Sendable func questions(req: Request) async throws -> [QuestionDTO] {
        let catalog = QuizCatalog(content: req.campus.content)
        let quiz = try await catalog.quiz(try req.parameters.require("quizID"))
        let questions = try await catalog.questions(of: quiz)
        return quiz.questionIDs.compactMap { questions[$0].map { QuestionDTO($0) } }
    }

    @Sendable func start(req: Request) async throws -> Response {
        let user = try req.requireSignedInUser()
        let service = req.quizService
        let started = try await service.start(quizID: try req.parameters.require("quizID"), user: user)
        let used = try await service.attemptsUsed(userID: user.id, quizID: started.quiz.id)
        let dto = try await QuizPresenter(service: service).inProgress(started.attempt, details: started.details, quiz: started.quiz,
                                                                       questions: started.questions, attemptsUsed: used)
        return try dto.response(status: started.created ? .created : .ok)
    }

    @Sendable func saveAnswers(req: Request) async throws -> AttemptInProgressDTO {
        let body = try req.content.decode(SaveAnswersRequest.self)
        guard let answers = body.answers else { throw Problem.validation(field: "answers", "is required") }
        let service = req.quizService
        let attempt = try await service.attempt(try req.parameters.require("attemptID"), quizID: req.parameters.get("quizID"),
                                                caller: try req.requireAuth())
        try requireOwner(attempt, req)
        let (saved, details) = try await service.saveAnswers(attempt: attempt, answers: answers)
        let catalog = QuizCatalog(content: req.campus.content)
        let quiz = try await catalog.quiz(saved.quizContentID)
        return try await QuizPresenter(service: service).inProgress(saved, details: details, quiz: quiz, questions: try await catalog.questions(of: quiz))
    }

    @Sendable func submit(req: Request) async throws -> AttemptResultDTO {
        let body = req.body.data == nil ? SaveAnswersRequest() : try req.content.decode(SaveAnswersRequest.self)
        let service = req.quizService
        let attempt = try await service.attempt(try req.parameters.require("attemptID"), quizID: req.parameters.get("quizID"),
                                                caller: try req.requireAuth())
        try requireOwner(attempt, req)
        let user = try req.requireSignedInUser()
        let finished = try await service.submit(attempt: attempt, answers: body.answers, experience: user.experience)
        return try await QuizPresenter(service: service).result(finished)
    }

    @Sendable func attempt(req: Request) async throws -> Response {
        let service = req.quizService
        let attempt = try await service.attempt(try req.parameters.require("attemptID"), quizID: req.parameters.get("quizID"),
                                                caller: try req.requireAuth())
        let presenter = QuizPresenter(service: service)
        let response = Response(status: .ok)
        if let closed = try await service.closeIfPastDeadline(attempt) {
            try response.content.encode(try await presenter.result(closed))
            return response
        }
        let catalog = QuizCatalog(content: req.campus.content)
        let quiz = try await catalog.quiz(attempt.quizContentID)
        let details = try await service.loadDetails(attempt)
        if attempt.statusValue == .inProgress {
            return try await presenter.inProgress(attempt, details: details, quiz: quiz, questions: try await catalog.questions(of: quiz)).response()
        } else {
            try response.content.encode(try await presenter.result(attempt, details: details, quiz: quiz))
        }
        return response
    }

    @Sendable func myAttempts(req: Request) async throws -> Page<AttemptSummaryDTO> {
        let caller = try req.requireAuth()
        let page = try PageRequest(req)
        var query = QuizAttempt.query(on: req.campusDB).filter(\.$userID == caller.userID)
        if let quizID = req.query[String.self, at: "quiz_id"], !quizID.isEmpty {
            query = query.filter(\.$quizContentID == QuizCatalog.contentID(quizID))
        }
        if let afterID = try page.afterUUID() {
            query = query.filter(\.$id < afterID)
        }
        let attempts = try await query.sort(\.$id, .descending).limit(page.limit).all()
        return Page(items: attempts.map(AttemptSummaryDTO.init),
                    nextCursor: attempts.count == page.limit ? attempts.last?.id.map(Cursor.encode) : nil)
    }

    @Sendable func myStats(req: Request) async throws -> QuizStatsDTO {
        let caller = try req.requireAuth()
        guard let rawQuizID = req.query[String.self, at: "quiz_id"], !rawQuizID.isEmpty else {
            throw Problem.validation(field: "quiz_id", "is required")
        }
        let quiz = try await QuizCatalog(content: req.campus.content).quiz(rawQuizID)
        let attempts = try await QuizAttempt.query(on: req.campusDB)
            .filter(\.$userID == caller.userID).filter(\.$quizContentID == quiz.id)
            .filter(\.$status != QuizAttempt.Status.inProgress.rawValue)
            .sort(\.$id, .ascending).limit(500).all()
        return QuizStatsDTO(quiz: quiz, attempts: attempts)
    }

    private func card(_ quiz: Quiz, req: Request) async throws -> QuizCardDTO {
        var attemptsUsed: Int?
        var bestScore: Int?
        if let caller = req.authContext {
            attemptsUsed = try await req.quizService.attemptsUsed(userID: caller.userID, quizID: quiz.id)
            bestScore = try await req.quizService.bestScore(userID: caller.userID, quizID: quiz.id)
        }
        let count = try await req.campus.content.getMany(ContentCollection.questions, ids: quiz.questionIDs).count
        return QuizCardDTO(quiz, questionCount: count, attemptsUsed: attemptsUsed, bestScore: bestScore)
    }

    /// Admins may read anyone's attempt, but only its taker answers or submits it.
    private func requireOwner(_ attempt: QuizAttempt, _ req: Request) throws {
        guard attempt.userID == (try req.requireAuth()).userID else {
            throw Problem(.forbidden, "not-attempt-owner", title: "Forbidden", detail: "Only the taker can answer or submit an attempt.")
        }
    }
}

extension Request {
    var quizService: QuizService { QuizService(services: campus, database: campusDB, logger: logger, clientAddress: clientAddress) }
}

/// The cabinet's progress chart: per-category scores across the caller's finished attempts.
struct QuizStatsDTO: Content {
    struct AttemptPoint: Content {
        var attemptID: String
        var completedAt: Date?
        var score: Int
        var categoryScores: [String: Int]

        enum CodingKeys: String, CodingKey {
            case score
            case attemptID = "attempt_id"
            case completedAt = "completed_at"
            case categoryScores = "category_scores"
        }
    }

    struct CategoryTrend: Content {
        var name: String
        var first: Int
        var last: Int
        var best: Int
        var average: Double
    }

    var quizID: String
    var attempts: [AttemptPoint]
    var categories: [String: CategoryTrend]

    enum CodingKeys: String, CodingKey {
        case attempts, categories
        case quizID = "quiz_id"
    }

    init(quiz: Quiz, attempts: [QuizAttempt]) {
        quizID = quiz.id
        self.attempts = attempts.map { attempt in
            let scores = (attempt.categoryScores.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) }) ?? [:]
            return AttemptPoint(attemptID: attempt.id?.wireString ?? "", completedAt: attempt.submittedAt,
                                score: attempt.score, categoryScores: scores)
        }
        var series: [String: [Int]] = [:]
        for point in self.attempts {
            for (key, score) in point.categoryScores { series[key, default: []].append(score) }
        }
        categories = series.reduce(into: [:]) { result, entry in
            let values = entry.value
            result[entry.key] = CategoryTrend(name: quiz.category(entry.key).name, first: values.first ?? 0, last: values.last ?? 0,
                                              best: values.max() ?? 0,
                                              average: (Double(values.reduce(0, +)) / Double(max(1, values.count)) * 10).rounded() / 10)
        }
    }
}
