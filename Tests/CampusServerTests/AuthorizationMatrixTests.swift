import CampusCore
import FluentKit
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CampusAccounts
@testable import CampusAdmin
@testable import CampusCatalog
@testable import CampusCompatibility
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusQuizzes
@testable import CampusServer

/// Every route × every kind of caller, with the status each must get. A route the server serves without
/// a row here fails the test, so new routes cannot skip the question of who may call them.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Actor: String, CaseIterable, CustomStringConvertible {
        // In this order within one world: the owners and admins last, so their writes cannot change what
        // the others were checked against.
        case anonymous, otherStudent, otherAuthor, student, author, admin
        var description: String { rawValue }
    }

    /// One fresh platform: a published course by `author` with `student` enrolled and an attempt in progress.
    struct World {
        var tokens: [Actor: String] = [:]
        var ids: [Actor: UUID] = [:]
        var emails: [Actor: String] = [:]
        var course = ""
        var track = ""
        var category = ""
        var attempt = ""

        func path(_ template: String) -> String {
            template.replacingOccurrences(of: "{course}", with: course).replacingOccurrences(of: "{track}", with: track)
                .replacingOccurrences(of: "{category}", with: category).replacingOccurrences(of: "{attempt}", with: attempt)
                .replacingOccurrences(of: "{student}", with: ids[.student]?.wireString ?? "")
        }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var route: String
        var path: String
        var body: (@Sendable (Actor, World) -> [String: Any])?
        var expected: [Actor: UInt]
        /// Destructive for whoever succeeds: every caller gets a world of their own.
        var fresh = false

        var testDescription: String { route }
    }

    static func all(_ status: UInt) -> [Actor: UInt] { Dictionary(uniqueKeysWithValues: Actor.allCases.map { ($0, status) }) }
    static func signedIn(_ status: UInt) -> [Actor: UInt] { all(status).merging([.anonymous: 401]) { $1 } }
    static func adminOnly(_ status: UInt) -> [Actor: UInt] { all(403).merging([.anonymous: 401, .admin: status]) { $1 } }
    static func enrolledOnly(_ status: UInt) -> [Actor: UInt] {
        [.anonymous: 401, .otherStudent: 403, .otherAuthor: 403, .student: status, .author: 403, .admin: 403]
    }
    static func unique(_ actor: Actor) -> String { "\(actor.rawValue)-\(UUID().uuidString.prefix(8).lowercased())" }

    static let cases: [Case] = [
        Case(route: "GET /health/live", path: "/health/live", expected: all(200)),
        Case(route: "GET /health", path: "/health", expected: all(200)),
        Case(route: "GET /health/ready", path: "/health/ready", expected: all(200)),
        Case(route: "GET /api/v1/openapi.json", path: "/api/v1/openapi.json", expected: all(200)),
        // accounts
        Case(route: "POST /api/v1/auth/register", path: "/api/v1/auth/register",
             body: { actor, _ in ["email": "\(unique(actor))@example.com", "password": "correct horse battery", "name": "N"] }, expected: all(201)),
        Case(route: "POST /api/v1/auth/login", path: "/api/v1/auth/login",
             body: { _, world in ["email": world.emails[.student]!, "password": "correct horse battery"] }, expected: all(200)),
        Case(route: "POST /api/v1/auth/refresh", path: "/api/v1/auth/refresh", body: { _, _ in ["refresh_token": "forged"] }, expected: all(401)),
        Case(route: "POST /api/v1/auth/logout", path: "/api/v1/auth/logout", body: { _, _ in ["refresh_token": "forged"] }, expected: all(200)),
        Case(route: "POST /api/v1/auth/verify-email", path: "/api/v1/auth/verify-email",
             body: { _, world in ["email": world.emails[.student]!, "code": "000000"] }, expected: all(422)),
        Case(route: "POST /api/v1/auth/resend-verification-code", path: "/api/v1/auth/resend-verification-code",
             body: { _, world in ["email": world.emails[.student]!] }, expected: all(202)),
        Case(route: "POST /api/v1/auth/resend-verification", path: "/api/v1/auth/resend-verification",
             body: { _, world in ["email": world.emails[.student]!] }, expected: all(202)),
        Case(route: "POST /api/v1/auth/forgot-password", path: "/api/v1/auth/forgot-password",
             body: { _, world in ["email": world.emails[.student]!] }, expected: all(202)),
        Case(route: "POST /api/v1/auth/reset-password", path: "/api/v1/auth/reset-password",
             body: { _, world in ["email": world.emails[.student]!, "code": "000000", "new_password": "another fine passphrase"] }, expected: all(422)),
        Case(route: "GET /api/v1/auth/me", path: "/api/v1/auth/me", expected: signedIn(200)),
        Case(route: "GET /api/v1/users/me", path: "/api/v1/users/me", expected: signedIn(200)),
        Case(route: "PATCH /api/v1/users/me", path: "/api/v1/users/me", body: { _, _ in ["name": "Renamed"] }, expected: signedIn(200)),
        Case(route: "DELETE /api/v1/users/me", path: "/api/v1/users/me", expected: signedIn(204), fresh: true),
        Case(route: "POST /api/v1/users/me/password", path: "/api/v1/users/me/password",
             body: { _, _ in ["current_password": "correct horse battery", "new_password": "another fine passphrase"] }, expected: signedIn(200)),
        // quizzes
        Case(route: "GET /api/v1/quizzes", path: "/api/v1/quizzes", expected: all(200)),
        Case(route: "GET /api/v1/quizzes/{quizID}", path: "/api/v1/quizzes/quiz:fixture", expected: all(200)),
        Case(route: "GET /api/v1/quizzes/{quizID}/questions", path: "/api/v1/quizzes/quiz:fixture/questions", expected: all(200)),
        Case(route: "POST /api/v1/quizzes/{quizID}/start", path: "/api/v1/quizzes/quiz:fixture/start",
             expected: signedIn(201).merging([.student: 200]) { $1 }),
        Case(route: "GET /api/v1/quizzes/{quizID}/attempts/{attemptID}", path: "/api/v1/quizzes/quiz:fixture/attempts/{attempt}",
             expected: [.anonymous: 401, .otherStudent: 404, .otherAuthor: 404, .student: 200, .author: 404, .admin: 200]),
        Case(route: "PUT /api/v1/quizzes/{quizID}/attempts/{attemptID}/answers", path: "/api/v1/quizzes/quiz:fixture/attempts/{attempt}/answers",
             body: { _, _ in ["answers": ["api-1": "b"]] },
             expected: [.anonymous: 401, .otherStudent: 404, .otherAuthor: 404, .student: 200, .author: 404, .admin: 403]),
        Case(route: "POST /api/v1/quizzes/{quizID}/attempts/{attemptID}/submit", path: "/api/v1/quizzes/quiz:fixture/attempts/{attempt}/submit",
             body: { _, _ in ["answers": QuizFixtures.bestAnswers] },
             expected: [.anonymous: 401, .otherStudent: 404, .otherAuthor: 404, .student: 200, .author: 404, .admin: 403], fresh: true),
        Case(route: "GET /api/v1/users/me/quiz-attempts", path: "/api/v1/users/me/quiz-attempts", expected: signedIn(200)),
        Case(route: "GET /api/v1/users/me/quiz-stats", path: "/api/v1/users/me/quiz-stats?quiz_id=quiz:fixture", expected: signedIn(200)),
        Case(route: "POST /api/v1/users/me/quiz-attempts/claim", path: "/api/v1/users/me/quiz-attempts/claim",
             body: { _, _ in ["result_id": "forged"] }, expected: signedIn(404)),
        // the replaced service's public test
        Case(route: "GET /questions", path: "/questions", expected: all(200)),
        Case(route: "GET /results/{resultID}", path: "/results/forged", expected: all(404)),
        Case(route: "POST /results", path: "/results", body: { _, _ in [:] }, expected: all(422)),
        // catalog
        Case(route: "GET /api/v1/categories", path: "/api/v1/categories", expected: all(200)),
        Case(route: "POST /api/v1/categories", path: "/api/v1/categories",
             body: { actor, _ in ["name": "New", "slug": unique(actor)] }, expected: adminOnly(201)),
        Case(route: "PATCH /api/v1/categories/{categoryID}", path: "/api/v1/categories/{category}",
             body: { _, _ in ["name": "Renamed"] }, expected: adminOnly(200)),
        Case(route: "DELETE /api/v1/categories/{categoryID}", path: "/api/v1/categories/{category}", expected: adminOnly(204)),
        Case(route: "GET /api/v1/tracks", path: "/api/v1/tracks", expected: all(200)),
        Case(route: "GET /api/v1/tracks/{trackID}", path: "/api/v1/tracks/{track}", expected: all(200)),
        Case(route: "POST /api/v1/tracks", path: "/api/v1/tracks", body: { _, _ in ["name": "Path"] }, expected: adminOnly(201)),
        Case(route: "PATCH /api/v1/tracks/{trackID}", path: "/api/v1/tracks/{track}", body: { _, _ in ["name": "Renamed"] }, expected: adminOnly(200)),
        Case(route: "PUT /api/v1/tracks/{trackID}/courses", path: "/api/v1/tracks/{track}/courses",
             body: { _, world in ["course_ids": [world.course]] }, expected: adminOnly(200)),
        Case(route: "DELETE /api/v1/tracks/{trackID}", path: "/api/v1/tracks/{track}", expected: adminOnly(204)),
        Case(route: "GET /api/v1/courses", path: "/api/v1/courses", expected: all(200)),
        Case(route: "GET /api/v1/courses/{courseRef}", path: "/api/v1/courses/{course}", expected: all(200)),
        Case(route: "POST /api/v1/courses", path: "/api/v1/courses",
             body: { actor, _ in ["content_id": "course:\(unique(actor))", "title": "New", "level": "Beginner"] },
             expected: [.anonymous: 401, .otherStudent: 403, .student: 403, .otherAuthor: 201, .author: 201, .admin: 201]),
        Case(route: "PATCH /api/v1/courses/{courseRef}", path: "/api/v1/courses/{course}", body: { _, _ in ["title": "Renamed"] },
             expected: [.anonymous: 401, .otherStudent: 403, .student: 403, .otherAuthor: 403, .author: 200, .admin: 200]),
        Case(route: "DELETE /api/v1/courses/{courseRef}", path: "/api/v1/courses/{course}",
             expected: [.anonymous: 401, .otherStudent: 403, .student: 403, .otherAuthor: 403, .author: 204, .admin: 204], fresh: true),
        Case(route: "POST /api/v1/courses/{courseRef}/enrollment", path: "/api/v1/courses/{course}/enrollment",
             expected: signedIn(201).merging([.student: 200]) { $1 }),
        Case(route: "DELETE /api/v1/courses/{courseRef}/enrollment", path: "/api/v1/courses/{course}/enrollment",
             expected: signedIn(404).merging([.student: 200]) { $1 }),
        // lessons and the cabinet
        Case(route: "GET /api/v1/lessons/{lessonID}", path: "/api/v1/lessons/lesson:fixture-2",
             expected: [.anonymous: 401, .otherStudent: 403, .otherAuthor: 403, .student: 200, .author: 200, .admin: 200]),
        Case(route: "POST /api/v1/lessons/{lessonID}/completion", path: "/api/v1/lessons/lesson:fixture-2/completion", expected: enrolledOnly(200)),
        Case(route: "PUT /api/v1/lessons/{lessonID}/bookmark", path: "/api/v1/lessons/lesson:fixture-2/bookmark",
             body: { _, _ in ["bookmarked": true] }, expected: enrolledOnly(200)),
        Case(route: "PUT /api/v1/lessons/{lessonID}/note", path: "/api/v1/lessons/lesson:fixture-2/note",
             body: { _, _ in ["note": "mine"] }, expected: enrolledOnly(200)),
        Case(route: "POST /api/v1/lessons/{lessonID}/heartbeat", path: "/api/v1/lessons/lesson:fixture-2/heartbeat", expected: enrolledOnly(200)),
        Case(route: "GET /api/v1/users/me/dashboard", path: "/api/v1/users/me/dashboard", expected: signedIn(200)),
        Case(route: "GET /api/v1/users/me/bookmarks", path: "/api/v1/users/me/bookmarks", expected: signedIn(200)),
        Case(route: "GET /api/v1/users/me/notes", path: "/api/v1/users/me/notes", expected: signedIn(200)),
        // practice: the exercise is in a lesson of the course, read on that lesson's terms
        Case(route: "GET /api/v1/practices/{practiceID}", path: "/api/v1/practices/\(PracticeFixtures.sqlID)",
             expected: [.anonymous: 401, .otherStudent: 403, .otherAuthor: 403, .student: 200, .author: 200, .admin: 200]),
        Case(route: "POST /api/v1/practices/{practiceID}/run", path: "/api/v1/practices/\(PracticeFixtures.sqlID)/run",
             body: { _, _ in ["query": "SELECT 1"] },
             expected: [.anonymous: 401, .otherStudent: 403, .otherAuthor: 403, .student: 200, .author: 200, .admin: 200]),
        Case(route: "POST /api/v1/practices/{practiceID}/submit", path: "/api/v1/practices/\(PracticeFixtures.sqlID)/submit",
             body: { _, _ in ["query": "SELECT 1"] },
             expected: [.anonymous: 401, .otherStudent: 403, .otherAuthor: 403, .student: 201, .author: 201, .admin: 201]),
        Case(route: "GET /api/v1/users/me/practice-attempts", path: "/api/v1/users/me/practice-attempts", expected: signedIn(200)),
        // achievements, points and leaderboards
        Case(route: "GET /api/v1/achievements", path: "/api/v1/achievements", expected: all(200)),
        Case(route: "GET /api/v1/achievements/issuer", path: "/api/v1/achievements/issuer", expected: all(200)),
        Case(route: "GET /api/v1/achievements/{code}/badge", path: "/api/v1/achievements/world-badge/badge", expected: all(200)),
        Case(route: "GET /api/v1/achievements/awards/{awardID}", path: "/api/v1/achievements/awards/\(UUID().uuidString)", expected: all(404)),
        Case(route: "GET /api/v1/users/me/achievements", path: "/api/v1/users/me/achievements", expected: signedIn(200)),
        Case(route: "GET /api/v1/leaderboards/{period}", path: "/api/v1/leaderboards/week", expected: signedIn(200)),
        Case(route: "GET /api/v1/admin/achievements", path: "/api/v1/admin/achievements", expected: adminOnly(200)),
        Case(route: "POST /api/v1/admin/achievements", path: "/api/v1/admin/achievements",
             body: { actor, _ in ["code": unique(actor), "title": "T", "description": "D", "rule": ["metric": "points", "gte": 1_000_000]] },
             expected: adminOnly(201)),
        Case(route: "GET /api/v1/admin/achievements/{code}", path: "/api/v1/admin/achievements/world-badge", expected: adminOnly(200)),
        Case(route: "PATCH /api/v1/admin/achievements/{code}", path: "/api/v1/admin/achievements/world-badge",
             body: { _, _ in ["points": 5] }, expected: adminOnly(200)),
        Case(route: "DELETE /api/v1/admin/achievements/{code}", path: "/api/v1/admin/achievements/world-badge", expected: adminOnly(204), fresh: true),
        Case(route: "POST /api/v1/admin/achievements/{code}/revoke", path: "/api/v1/admin/achievements/world-badge/revoke",
             body: { _, world in ["user_id": world.ids[.student]!.wireString, "reason": "test"] }, expected: adminOnly(409)),
        // operations: metrics are not served without CAMPUS_METRICS_TOKEN
        Case(route: "GET /metrics", path: "/metrics", expected: all(404)),
        // billing (no provider configured in this world: webhooks are 404, checkout stops at its missing Idempotency-Key)
        Case(route: "GET /api/v1/plans", path: "/api/v1/plans", expected: all(200)),
        Case(route: "POST /api/v1/billing/checkout", path: "/api/v1/billing/checkout",
             body: { _, world in ["course_id": world.course, "provider": "stripe", "return_url": "http://127.0.0.1:8080/x"] }, expected: signedIn(422)),
        Case(route: "POST /api/v1/billing/webhooks/stripe", path: "/api/v1/billing/webhooks/stripe", expected: all(404)),
        Case(route: "POST /api/v1/billing/webhooks/yookassa", path: "/api/v1/billing/webhooks/yookassa", expected: all(404)),
        Case(route: "GET /api/v1/users/me/payments", path: "/api/v1/users/me/payments", expected: signedIn(200)),
        Case(route: "GET /api/v1/users/me/subscriptions", path: "/api/v1/users/me/subscriptions", expected: signedIn(200)),
        Case(route: "POST /api/v1/users/me/subscriptions/{id}/cancel", path: "/api/v1/users/me/subscriptions/\(UUID().uuidString)/cancel",
             expected: signedIn(404)),
        Case(route: "GET /api/v1/users/me/entitlements", path: "/api/v1/users/me/entitlements", expected: signedIn(200)),
        Case(route: "GET /api/v1/admin/plans", path: "/api/v1/admin/plans", expected: adminOnly(200)),
        Case(route: "POST /api/v1/admin/plans", path: "/api/v1/admin/plans",
             body: { actor, _ in ["code": unique(actor), "title": "T", "price_minor": 100, "currency": "RUB", "period": "month"] }, expected: adminOnly(201)),
        Case(route: "GET /api/v1/admin/plans/{code}", path: "/api/v1/admin/plans/none", expected: adminOnly(404)),
        Case(route: "PATCH /api/v1/admin/plans/{code}", path: "/api/v1/admin/plans/none", body: { _, _ in ["price_minor": 5] }, expected: adminOnly(404)),
        Case(route: "DELETE /api/v1/admin/plans/{code}", path: "/api/v1/admin/plans/none", expected: adminOnly(404)),
        Case(route: "POST /api/v1/admin/payments/{id}/refund", path: "/api/v1/admin/payments/\(UUID().uuidString)/refund", expected: adminOnly(404)),
        Case(route: "GET /api/v1/admin/reports/revenue", path: "/api/v1/admin/reports/revenue?from=2026-01-01&to=2027-01-01", expected: adminOnly(200)),
        // authoring content
        Case(route: "PUT /api/v1/content/{kind}/{contentID}", path: "/api/v1/content/lessons/lesson:fixture-2",
             body: { _, _ in ["course_id": "course:fixture", "title": "Rewritten", "content_mdx": "# New"] },
             expected: [.anonymous: 401, .otherStudent: 403, .student: 403, .otherAuthor: 403, .author: 200, .admin: 200]),
        Case(route: "GET /api/v1/content/{kind}/{contentID}", path: "/api/v1/content/questions/api-1",
             expected: [.anonymous: 401, .otherStudent: 403, .student: 403, .otherAuthor: 200, .author: 200, .admin: 200]),
        // admin
        Case(route: "GET /api/v1/admin/users", path: "/api/v1/admin/users", expected: adminOnly(200)),
        Case(route: "PATCH /api/v1/admin/users/{userID}", path: "/api/v1/admin/users/{student}", body: { _, _ in ["role": "student"] },
             expected: adminOnly(200)),
        Case(route: "GET /api/v1/admin/reports/courses", path: "/api/v1/admin/reports/courses", expected: adminOnly(200)),
    ]

    static func configure(_ config: inout CampusConfiguration) {
        config.publicQuizID = "quiz:fixture"
    }

    static var engines: [TestEngine] { TestEngine.available.filter { $0 != .mongo } }

    @Test("every served route has a row", arguments: [TestEngine.sqlite])
    func everyRouteCovered(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            let served = Set(campus.app.routes.all.compactMap { route -> String? in
                guard route.method != .OPTIONS, !WebRoutes.serves(route.path) else { return nil }
                let path = route.path.map { component -> String in
                    switch component {
                    case .constant(let text): text
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            })
            let covered = Set(Self.cases.map(\.route))
            #expect(served.subtracting(covered).sorted() == [], "routes without an authorization row")
            #expect(covered.subtracting(served).sorted() == [], "rows for routes that do not exist")
        }
    }

    @Test("each caller gets the status its row names", arguments: engines, cases)
    func matrix(engine: TestEngine, row: Case) async throws {
        if row.fresh {
            for actor in Actor.allCases {
                try await withCampus(engine, configure: Self.configure) { campus in
                    let world = try await Self.makeWorld(campus)
                    try await Self.check(row, actor: actor, world: world, campus: campus)
                }
            }
        } else {
            try await withCampus(engine, configure: Self.configure) { campus in
                let world = try await Self.makeWorld(campus)
                for actor in Actor.allCases {
                    try await Self.check(row, actor: actor, world: world, campus: campus)
                }
            }
        }
    }

    static func check(_ row: Case, actor: Actor, world: World, campus: TestCampus) async throws {
        let method = HTTPMethod(rawValue: String(row.route.split(separator: " ")[0]))
        let response = try await campus.request(method, world.path(row.path), json: row.body?(actor, world) ?? (method == .GET || method == .DELETE ? nil : [:]),
                                                token: world.tokens[actor])
        #expect(response.status.code == row.expected[actor], "\(row.route) as \(actor): \(response.status.code) \(response.body.string.prefix(300))")
    }

    static func makeWorld(_ campus: TestCampus) async throws -> World {
        var world = World()
        for actor in Actor.allCases where actor != .anonymous {
            let role: Role = switch actor {
            case .admin: .admin
            case .author, .otherAuthor: .author
            default: .student
            }
            let email = "\(actor.rawValue.lowercased())-\(UUID().uuidString.prefix(6).lowercased())@example.com"
            let user = try await campus.user(role, email: email)
            world.tokens[actor] = user.token
            world.ids[actor] = user.id
            world.emails[actor] = email
        }
        let course = try await LearningFixtures.load(into: campus, author: world.ids[.author])
        world.course = try course.requireID().wireString
        world.category = try #require(course.categoryID).wireString
        let track = Track(categoryID: course.categoryID, name: "Path", description: nil, by: nil)
        try await track.create(on: campus.app.campusDB)
        try await TrackCourse(trackID: try track.requireID(), courseID: try course.requireID(), position: 1, by: nil).create(on: campus.app.campusDB)
        world.track = try track.requireID().wireString
        let token = world.tokens[.student]
        #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: token).status == .created)
        world.attempt = try #require(try await campus.request(.POST, "/api/v1/quizzes/quiz:fixture/start", token: token).jsonObject[string: "attempt_id"])
        try await PracticeFixtures.save([PracticeFixtures.sql()], into: campus)
        let badge = try await campus.request(.POST, "/api/v1/admin/achievements", json: [
            "code": "world-badge", "title": "World", "description": "A badge no one earns", "rule": ["metric": "points", "gte": 1_000_000],
        ], token: world.tokens[.admin])
        #expect(badge.status == .created)
        return world
    }
}
