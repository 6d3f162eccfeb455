import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
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
        signedIn.post(":quizID", "attempts", ":attemptID", "submit", use: submit)
        signedIn.get(":quizID", "attempts", ":attemptID", use: attempt)

        let me = routes.grouped("users", "me").grouped(RequireAuth())
        me.get("quiz-attempts", use: myAttempts)
        me.get("quiz-stats", use: myStats)
    }

    @Sendable package func list(req: Request) async throws -> Page<QuizCardDTO> {
        let page = try PageRequest(req)
        let documents = try await req.platform.content.query(ContentCollection.quizzes, filter: [:], after: try page.afterKey(), limit: page.limit)
        var cards: [QuizCardDTO] = []
        for document in documents {
            guard let quiz = try? QuizContentParser.parseQuiz(document.body, path: document.id) else { continue }
            cards.append(try await card(quiz, req: req))
        }
        return Page(items: cards, nextCursor: documents.count == page.limit ? documents.last.map { Cursor.encode(key: $0.id) } : nil)
    }

    @Sendable package func show(req: Request) async throws -> QuizCardDTO {
        let quiz = try await req.quizEnvironment.catalog.quiz(try req.parameters.require("quizID"))
        return try await card(quiz, req: req)
    }

    @Sendable package func questions(req: Request) async throws -> [QuestionDTO] {
        let catalog = req.quizEnvironment.catalog
        let quiz = try await catalog.quiz(try req.parameters.require("quizID"))
        let questions = try await catalog.questions(of: quiz)
        return quiz.questionIDs.compactMap { questions[$0].map { QuestionDTO($0) } }
    }

    @Sendable package func start(req: Request) async throws -> Response {
        let user = try req.requireSignedInUser()
        let environment = req.quizEnvironment
        let started = try await AttemptService(environment).start(quizID: try req.parameters.require("quizID"), user: user)
        let used = try await AttemptQueries(environment).attemptsUsed(userID: user.id, quizID: started.quiz.id)
        let dto = try await QuizPresenter(environment).inProgress(started.attempt, details: started.details, quiz: started.quiz,
                                                                       questions: started.questions, attemptsUsed: used)
        return try dto.response(status: started.created ? .created : .ok)
    }

    @Sendable package func saveAnswers(req: Request) async throws -> AttemptInProgressDTO {
        let body = try req.content.decode(SaveAnswersRequest.self)
        guard let answers = body.answers else { throw Problem.validation(field: "answers", "is required") }
        let environment = req.quizEnvironment
        let attempt = try await ownAttempt(req, environment)
        let (saved, details) = try await AttemptService(environment).saveAnswers(attempt: attempt, answers: answers)
        let catalog = environment.catalog
        let quiz = try await catalog.quiz(saved.quizContentID)
        return try await QuizPresenter(environment).inProgress(saved, details: details, quiz: quiz, questions: try await catalog.questions(of: quiz))
    }

    @Sendable package func submit(req: Request) async throws -> AttemptResultDTO {
        let body = req.body.data == nil ? SaveAnswersRequest() : try req.content.decode(SaveAnswersRequest.self)
        let environment = req.quizEnvironment
        let attempt = try await ownAttempt(req, environment)
        let user = try req.requireSignedInUser()
        let finished = try await AttemptService(environment).submit(attempt: attempt, answers: body.answers, experience: user.experience)
        return try await QuizPresenter(environment).result(finished)
    }

    @Sendable package func attempt(req: Request) async throws -> Response {
        let environment = req.quizEnvironment
        let queries = AttemptQueries(environment)
        let attempt = try await queries.attempt(try req.parameters.require("attemptID"), quizID: req.parameters.get("quizID"),
                                                caller: try req.requireAuth())
        let presenter = QuizPresenter(environment)
        let response = Response(status: .ok)
        if let closed = try await ResultRecorder(environment).closeIfPastDeadline(attempt) {
            try response.content.encode(try await presenter.result(closed))
            return response
        }
        let catalog = environment.catalog
        let quiz = try await catalog.quiz(attempt.quizContentID)
        let details = try await queries.loadDetails(attempt)
        if attempt.statusValue == .inProgress {
            return try await presenter.inProgress(attempt, details: details, quiz: quiz, questions: try await catalog.questions(of: quiz)).response()
        } else {
            try response.content.encode(try await presenter.result(attempt, details: details, quiz: quiz))
        }
        return response
    }

    @Sendable package func myAttempts(req: Request) async throws -> Page<AttemptSummaryDTO> {
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

    @Sendable package func myStats(req: Request) async throws -> QuizStatsDTO {
        let caller = try req.requireAuth()
        guard let rawQuizID = req.query[String.self, at: "quiz_id"], !rawQuizID.isEmpty else {
            throw Problem.validation(field: "quiz_id", "is required")
        }
        let quiz = try await req.quizEnvironment.catalog.quiz(rawQuizID)
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
            let queries = AttemptQueries(req.quizEnvironment)
            attemptsUsed = try await queries.attemptsUsed(userID: caller.userID, quizID: quiz.id)
            bestScore = try await queries.bestScore(userID: caller.userID, quizID: quiz.id)
        }
        let count = try await req.platform.content.getMany(ContentCollection.questions, ids: quiz.questionIDs).count
        return QuizCardDTO(quiz, questionCount: count, attemptsUsed: attemptsUsed, bestScore: bestScore)
    }

    /// Admins may read anyone's attempt, but only its taker answers or submits it.
    private func ownAttempt(_ req: Request, _ environment: QuizEnvironment) async throws -> QuizAttempt {
        let caller = try req.requireAuth()
        let attempt = try await AttemptQueries(environment).attempt(try req.parameters.require("attemptID"),
                                                                   quizID: req.parameters.get("quizID"), caller: caller)
        guard attempt.userID == caller.userID else { throw QuizError.notAttemptOwner }
        return attempt
    }
}


/// The cabinet's progress chart: per-category scores across the caller's finished attempts.
package struct QuizStatsDTO: Content {
    package struct AttemptPoint: Content {
        package var attemptID: String
        package var completedAt: Date?
        package var score: Int
        package var categoryScores: [String: Int]

        package init(attemptID: String, completedAt: Date? = nil, score: Int, categoryScores: [String: Int]) {
            self.attemptID = attemptID
            self.completedAt = completedAt
            self.score = score
            self.categoryScores = categoryScores
        }

        package enum CodingKeys: String, CodingKey {
            case score
            case attemptID = "attempt_id"
            case completedAt = "completed_at"
            case categoryScores = "category_scores"
        }
    }

    package struct CategoryTrend: Content {
        package var name: String
        package var first: Int
        package var last: Int
        package var best: Int
        package var average: Double

        package init(name: String, first: Int, last: Int, best: Int, average: Double) {
            self.name = name
            self.first = first
            self.last = last
            self.best = best
            self.average = average
        }
    }

    package var quizID: String
    package var attempts: [AttemptPoint]
    package var categories: [String: CategoryTrend]

    package enum CodingKeys: String, CodingKey {
        case attempts, categories
        case quizID = "quiz_id"
    }

    package init(quiz: Quiz, attempts: [QuizAttempt]) {
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
