import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import CampusQuizzes
import Vapor

/// The public skills test's front end, unchanged: `GET /questions`, `POST /results`,
/// `GET /results/{result_id}`, with `x-api-key`. Guest attempts on `CAMPUS_PUBLIC_QUIZ_ID` over the
/// same engine. The key ships in a web page, so it is no protection: every route is limited per
/// client address, and result ids are unguessable tokens.
package struct LegacyQuizRoutes: RouteCollection {
    package init() {}

    package func boot(routes: any RoutesBuilder) throws {
        let reads = routes.grouped(PublicAPIKey(), PublicRateLimit(bucket: "public-read", perMinute: 120))
        reads.get("questions", use: questions)
        reads.get("results", ":resultID", use: result)
        routes.grouped(PublicAPIKey(), PublicRateLimit(bucket: "public-submit", perMinute: 10)).post("results", use: submit)
    }

    package struct LegacyQuestion: Content {
        package var id: String
        package var category: String
        package var type: String?
        package var question: String
        package var options: [QuestionOption]

        package init(id: String, category: String, type: String? = nil, question: String, options: [QuestionOption]) {
            self.id = id
            self.category = category
            self.type = type
            self.question = question
            self.options = options
        }
    }

    package struct SubmitRequest: Content {
        package struct Guest: Content {
            package var name: String?
            package var email: String?
            package var experience: String?

            package init(name: String? = nil, email: String? = nil, experience: String? = nil) {
                self.name = name
                self.email = email
                self.experience = experience
            }
        }

        package var user: Guest?
        package var answers: [String: JSONValue]?

        package init(user: Guest? = nil, answers: [String: JSONValue]? = nil) {
            self.user = user
            self.answers = answers
        }
    }

    @Sendable package func questions(req: Request) async throws -> [LegacyQuestion] {
        let catalog = req.quizEnvironment.catalog
        let quiz = try await catalog.quiz(req.platform.config.publicQuizID)
        let questions = try await catalog.questions(of: quiz)
        return quiz.questionIDs.compactMap { id in
            questions[id].map { LegacyQuestion(id: $0.id, category: $0.category, type: $0.type, question: $0.text, options: $0.options) }
        }
    }

    @Sendable package func submit(req: Request) async throws -> LegacyResultDTO {
        let body = try req.content.decode(SubmitRequest.self)
        var check = FieldValidator()
        guard let user = body.user else { throw Problem.validation(field: "user", "is required") }
        // Checked for shape as the replaced service did, and never stored (its intro form promises that).
        _ = check.email(user.email, field: "user.email")
        let name = user.name.flatMap { check.required("user.name", $0, maxLength: 100) }
        // Any label the intro form offers is kept as written; recommendations use the band it names, if any.
        let experience = user.experience.flatMap { check.required("user.experience", $0, maxLength: 100) }
        let answers = body.answers ?? [:]
        try check.throwIfInvalid()
        let (token, finished) = try await GuestAttempts(req.quizEnvironmentWithAddress).submit(
            quizID: req.platform.config.publicQuizID, name: name, experience: experience,
            band: experience.flatMap(ExperienceBand.init(lenient:)), answers: answers)
        return try await legacy(token: token, attempt: finished.attempt, details: finished.details, quiz: finished.quiz,
                                scored: finished.scored, req: req, withUser: false)
    }

    @Sendable package func result(req: Request) async throws -> LegacyResultDTO {
        let token = try req.parameters.require("resultID")
        let environment = req.quizEnvironment
        var attempt = try await GuestAttempts(environment).attempt(token: token)
        var details = try await AttemptQueries(environment).loadDetails(attempt)
        if let closed = try await ResultRecorder(environment).closeIfPastDeadline(attempt) {
            attempt = closed.attempt
            details = closed.details
        }
        let quiz = try await environment.catalog.quiz(attempt.quizContentID)
        return try await legacy(token: token, attempt: attempt, details: details, quiz: quiz, scored: nil, req: req, withUser: true)
    }

    private func legacy(token: String, attempt: QuizAttempt, details: AttemptDetails, quiz: Quiz, scored: QuizPresenter.Scored?,
                        req: Request, withUser: Bool) async throws -> LegacyResultDTO {
        let questions = try await req.quizEnvironment.catalog.questions(of: quiz)
        let result = scored?.result ?? details.decodedResult
        let stored = scored?.questionDetails ?? details.decodedQuestionDetails ?? []
        return LegacyResultBuilder(quiz: quiz, questions: questions).build(
            token: token, score: attempt.score, result: result, details: stored, recommendations: details.recommendations,
            guest: withUser ? .init(name: attempt.guestName, experience: attempt.guestExperience) : nil,
            createdAt: withUser ? attempt.createdAt ?? attempt.startedAt : nil)
    }
}
