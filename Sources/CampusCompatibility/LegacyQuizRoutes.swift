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
    /// Finished results, encoded, for a moment: the front end polls its result until the recommendations
    /// show, and a shared link is opened by many. Only results whose recommendations are in are kept, so
    /// nothing in them changes but the quiz's texts, and those are seen within the content cache's 2 s.
    /// 64 entries of about 200 KB bound its memory.
    private let finishedBodies = TimedCache<UUID, ByteBuffer>(lifetime: CachingContentStore.lifetime, capacity: 64)

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

    /// The question list of a quiz version is the same for everyone: it is encoded once and kept with the
    /// cached content it comes from (a content write drops it; another instance's within 2 s).
    @Sendable package func questions(req: Request) async throws -> Response {
        let catalog = req.quizEnvironment.catalog
        let quiz = try await catalog.quiz(req.platform.config.publicQuizID)
        let body = try await catalog.derived.memo("legacy-questions\u{0}" + quiz.id) {
            let questions = try await catalog.questions(of: quiz)
            let list = quiz.questionIDs.compactMap { id in
                questions[id].map { LegacyQuestion(id: $0.id, category: $0.category, type: $0.type, question: $0.text, options: $0.options) }
            }
            return ByteBuffer(data: try JSONEncoder.campus.encode(list))
        }
        return Response.json(body)
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

    @Sendable package func result(req: Request) async throws -> Response {
        let token = try req.parameters.require("resultID")
        let environment = req.quizEnvironment
        var attempt = try await GuestAttempts(environment).attempt(token: token)
        let attemptID = try attempt.requireID()
        let now = environment.now
        if let body = finishedBodies.value(attemptID, now: now) { return Response.json(body) }
        var details = try await AttemptQueries(environment).loadDetails(attempt)
        if let closed = try await ResultRecorder(environment).closeIfPastDeadline(attempt) {
            attempt = closed.attempt
            details = closed.details
        }
        let quiz = try await environment.catalog.quiz(attempt.quizContentID)
        let result = try await legacy(token: token, attempt: attempt, details: details, quiz: quiz, scored: nil, req: req, withUser: true)
        let body = ByteBuffer(data: try JSONEncoder.campus.encode(result))
        if attempt.statusValue != .inProgress, details.recommendations != nil {
            finishedBodies.store(body, for: attemptID, now: now)
        }
        return Response.json(body)
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
