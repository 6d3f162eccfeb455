import CampusCore
import Crypto
import FluentKit
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import CampusAccounts
@testable import CampusAchievements
@testable import CampusCatalog
@testable import CampusLearning
@testable import CampusPlatform
@testable import CampusServer

@Suite("Achievements, points and leaderboards")
struct AchievementTests {
    static func achievement(_ code: String, rule: [String: Any], points: Int = 10) -> [String: Any] {
        ["code": code, "title": ["en": "Title \(code)", "ru": "Название \(code)"], "description": "Do it", "icon": "⭐", "rarity": "rare",
         "points": points, "rule": rule]
    }

    func create(_ campus: TestCampus, admin: String, _ body: [String: Any]) async throws -> TestingHTTPResponse {
        try await campus.request(.POST, "/api/v1/admin/achievements", json: body, token: admin)
    }

    func enrolled(_ campus: TestCampus) async throws -> (token: String, id: UUID) {
        let student = try await campus.user()
        #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
        return student
    }

    @Test("the action that makes a rule true lists the award; the learner's page shows earned and locked ones with progress",
          arguments: TestEngine.available)
    func awardedByTheAction(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            #expect(try await create(campus, admin: admin.token, Self.achievement("first-lesson", rule: ["metric": "lessons_completed", "gte": 1])).status == .created)
            #expect(try await create(campus, admin: admin.token, Self.achievement("three-lessons", rule: ["metric": "lessons_completed", "gte": 3, "course": "fixture"])).status == .created)
            let student = try await enrolled(campus)
            let first = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            let awarded = try #require(first.jsonObject["awarded"] as? [[String: Any]])
            #expect(awarded.compactMap { $0["code"] as? String } == ["first-lesson"])
            #expect(awarded.first?["points"] as? Int == 10 && awarded.first?["title"] as? String == "Title first-lesson")
            let again = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            #expect((again.jsonObject["awarded"] as? [Any])?.isEmpty == true)

            let mine = try await campus.request(.GET, "/api/v1/users/me/achievements?lang=ru", token: student.token)
            #expect(mine.status == .ok)
            let earned = try #require(mine.jsonObject["earned"] as? [[String: Any]])
            #expect(earned.first?["title"] as? String == "Название first-lesson")
            let context = try #require(earned.first?["context"] as? [String: Any])
            #expect((context["figures"] as? [String: Int])?["lessons_completed"] == 1)
            #expect((context["trigger"] as? [String: String])?["kind"] == "lesson_completed")
            let locked = try #require(mine.jsonObject["locked"] as? [[String: Any]])
            let progress = try #require(locked.first?["progress"] as? [[String: Any]])
            #expect(progress.first?["metric"] as? String == "lessons_completed")
            #expect(progress.first?["current"] as? Int == 1 && progress.first?["target"] as? Int == 3)
            // 10 for the lesson, 10 for the achievement.
            #expect(mine.jsonObject["points"] as? Int == 20)
            let dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token)
            #expect((dashboard.jsonObject["recent_achievements"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["first-lesson"])
        }
    }

    @Test("twenty concurrent events that each make a rule true award it once", arguments: TestEngine.available)
    func exactlyOnce(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            #expect(try await create(campus, admin: admin.token, Self.achievement("enrolled", rule: ["metric": "enrollments", "gte": 1], points: 5)).status == .created)
            let student = try await enrolled(campus)
            let database = campus.app.campusDB
            let hub = campus.app.platform.activity
            let awards = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { await hub.record(.init(.enrolled, userID: student.id, reference: "course:fixture"), on: database).count }
                }
                return try await group.reduce(0, +)
            }
            #expect(awards <= 1)
            let rows = try await database.sql.raw("SELECT COUNT(*) AS n FROM user_achievements WHERE user_id = \(bind: student.id)").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == 1)
            let paid = try await database.sql.raw("SELECT COUNT(*) AS n FROM points_ledger WHERE user_id = \(bind: student.id) AND reason = 'achievement_earned'").first()
            #expect(try paid?.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test("rules are checked when saved: unknown metrics, wrong scopes and unknown references are 422 with JSON paths",
          arguments: [TestEngine.sqlite])
    func validation(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            let cases: [([String: Any], String)] = [
                (["all": [["metric": "lessons_completed", "gte": 1], ["metric": "karma", "gte": 1]]], "rule.all[1].metric"),
                (["metric": "streak_days", "gte": 3, "course": "fixture"], "rule.course"),
                (["metric": "lessons_completed", "gte": 1, "course": "nowhere"], "rule.course"),
                (["metric": "quiz_level_at_least", "quiz": "quiz:fixture", "level": "guru"], "rule.level"),
                (["metric": "quiz_best_score", "gte": 50], "rule.quiz"),
            ]
            for (rule, field) in cases {
                let response = try await create(campus, admin: admin.token, Self.achievement("bad", rule: rule))
                #expect(response.status == .unprocessableEntity, "\(field)")
                #expect((response.jsonObject["errors"] as? [[String: Any]] ?? []).contains { $0["field"] as? String == field }, "\(field): \(response.body.string)")
            }
            var missing = Self.achievement("x", rule: ["metric": "points", "gte": 1])
            missing["rarity"] = "mythic"
            missing["code"] = "Bad Code"
            let fields = (try await create(campus, admin: admin.token, missing).jsonObject["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["code", "rarity"])
            // The document says `null` is absent for these; once it was read as a wrong value.
            var nulls = Self.achievement("nulls", rule: ["metric": "points", "gte": 1])
            for key in ["icon", "rarity", "points", "status"] { nulls[key] = NSNull() }
            let withNulls = try await create(campus, admin: admin.token, nulls)
            #expect(withNulls.status == .created, "\(withNulls.body.string)")
            #expect(withNulls.jsonObject["rarity"] as? String == "common" && withNulls.jsonObject["points"] as? Int == 0)
            #expect(try await create(campus, admin: admin.token, Self.achievement("ok", rule: ["metric": "points", "gte": 1])).status == .created)
            #expect(try await create(campus, admin: admin.token, Self.achievement("ok", rule: ["metric": "points", "gte": 1])).status == .conflict)
            let student = try await campus.user()
            #expect(try await create(campus, admin: student.token, Self.achievement("mine", rule: ["metric": "points", "gte": 1])).status == .forbidden)
        }
    }

    @Test("a new rule is backfilled to learners who already qualify; retired rules award no more; a revoked award stays revoked",
          arguments: TestEngine.available)
    func backfillRetireRevoke(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            let student = try await enrolled(campus)
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            #expect(try await create(campus, admin: admin.token, Self.achievement("one-lesson", rule: ["metric": "lessons_completed", "gte": 1])).status == .created)
            await campus.app.platform.background.drain()
            let mine = try await campus.request(.GET, "/api/v1/users/me/achievements", token: student.token)
            #expect((mine.jsonObject["earned"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["one-lesson"])

            #expect(try await create(campus, admin: admin.token, Self.achievement("two-lessons", rule: ["metric": "lessons_completed", "gte": 2])).status == .created)
            await campus.app.platform.background.drain()
            #expect(try await campus.request(.PATCH, "/api/v1/admin/achievements/two-lessons", json: ["status": "retired"], token: admin.token).status == .ok)
            let second = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-2/completion", token: student.token)
            #expect((second.jsonObject["awarded"] as? [Any])?.isEmpty == true)

            let awardID = try #require((mine.jsonObject["earned"] as? [[String: Any]])?.first?["award_id"] as? String)
            func dashboardCodes() async throws -> [String]? {
                let dashboard = try await campus.request(.GET, "/api/v1/users/me/dashboard", token: student.token)
                return (dashboard.jsonObject["recent_achievements"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            }
            // Read twice: the second read comes from the kept snapshot, which the revocation must outdate.
            #expect(try await dashboardCodes() == ["one-lesson"])
            #expect(try await dashboardCodes() == ["one-lesson"])
            let bad = try await campus.request(.POST, "/api/v1/admin/achievements/one-lesson/revoke", json: ["user_id": student.id.wireString], token: admin.token)
            #expect(bad.status == .unprocessableEntity)
            #expect(try await campus.request(.POST, "/api/v1/admin/achievements/one-lesson/revoke",
                                             json: ["user_id": student.id.wireString, "reason": "shared account"], token: admin.token).status == .noContent)
            #expect(try await campus.request(.POST, "/api/v1/admin/achievements/one-lesson/revoke",
                                             json: ["user_id": student.id.wireString, "reason": "again"], token: admin.token).status == .conflict)
            #expect(try await dashboardCodes() == [])
            let assertion = try await campus.request(.GET, "/api/v1/achievements/awards/\(awardID)")
            #expect(assertion.jsonObject["revoked"] as? Bool == true && assertion.jsonObject["revocationReason"] as? String == "shared account")
            _ = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-3/completion", token: student.token)
            let after = try await campus.request(.GET, "/api/v1/users/me/achievements", token: student.token)
            let earned = after.jsonObject["earned"] as? [[String: Any]] ?? []
            #expect(earned.count == 1 && earned.first?["revoked"] as? Bool == true)
        }
    }

    struct Deaf: ActivityListener {
        func recorded(_ activity: LearnerActivity, on database: any Database) async -> [EarnedAward] { [] }
    }

    @Test("an award lost between the write and the evaluation (a crash) is made by the next sweep, once", arguments: TestEngine.available)
    func sweepRepairs(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            #expect(try await create(campus, admin: admin.token, Self.achievement("first-lesson", rule: ["metric": "lessons_completed", "gte": 1])).status == .created)
            await campus.app.platform.background.drain()
            let sweeper = campus.app.achievements.sweeper
            #expect(try await sweeper.sweep() == 0, "the first sweep starts the clock")
            let student = try await enrolled(campus)
            // The process "dies" after the completion is written and before achievements hear of it.
            campus.app.platform.activity.listen(with: Deaf())
            let done = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            #expect((done.jsonObject["awarded"] as? [Any])?.isEmpty == true)
            campus.app.platform.activity.listen(with: campus.app.achievements.awarder)
            campus.clock.advance(by: 60)
            #expect(try await sweeper.sweep() == 1)
            #expect(try await sweeper.sweep() == 0)
            let mine = try await campus.request(.GET, "/api/v1/users/me/achievements", token: student.token)
            let earned = mine.jsonObject["earned"] as? [[String: Any]] ?? []
            #expect(earned.compactMap { $0["code"] as? String } == ["first-lesson"])
            #expect(((earned.first?["context"] as? [String: Any])?["trigger"] as? [String: String])?["kind"] == "sweep")
        }
    }

    @Test("an award is a hosted Open Badges assertion whose recipient is a salted hash of the email", arguments: [TestEngine.sqlite])
    func openBadges(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            let admin = try await campus.user(.admin)
            _ = try await create(campus, admin: admin.token, Self.achievement("first-lesson", rule: ["metric": "lessons_completed", "gte": 1]))
            let email = "badge-\(UUID().uuidString.prefix(6).lowercased())@example.com"
            let student = try await campus.user(email: email)
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
            let done = try await campus.request(.POST, "/api/v1/lessons/lesson:fixture-1/completion", token: student.token)
            let awardID = try #require((done.jsonObject["awarded"] as? [[String: Any]])?.first?["award_id"] as? String)
            let assertion = try await campus.request(.GET, "/api/v1/achievements/awards/\(awardID)")
            #expect(assertion.status == .ok)
            let object = assertion.jsonObject
            #expect(object["type"] as? String == "Assertion" && object["@context"] as? String == "https://w3id.org/openbadges/v2")
            #expect((object["verification"] as? [String: String])?["type"] == "hosted")
            let recipient = try #require(object["recipient"] as? [String: Any])
            let salt = try #require(recipient["salt"] as? String)
            let expected = "sha256$" + SHA256.hash(data: Data((email + salt).utf8)).map { String(format: "%02x", $0) }.joined()
            #expect(recipient["identity"] as? String == expected && recipient["hashed"] as? Bool == true)
            #expect(!assertion.body.string.contains(email))
            let badgeURL = try #require(object["badge"] as? String)
            let badge = try await campus.request(.GET, String(badgeURL[badgeURL.range(of: "/api/v1/")!.lowerBound...]))
            #expect(badge.jsonObject["type"] as? String == "BadgeClass" && badge.jsonObject["name"] as? String == "Title first-lesson")
            #expect(try await campus.request(.GET, "/api/v1/achievements/awards/\(UUID().uuidString)").status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/achievements/awards/not-a-uuid").status == .notFound)
            let catalog = try await campus.request(.GET, "/api/v1/achievements")
            #expect((catalog.jsonArray.first as? [String: Any])?["holders_percent"] as? Double == 100)
        }
    }

    @Test("points are paid once per reason and reference; leaderboards rank by them, name only who chose so, and show the caller's rank",
          arguments: TestEngine.available)
    func leaderboards(engine: TestEngine) async throws {
        try await withCampus(engine) { campus in
            try await LearningFixtures.load(into: campus)
            var learners: [(token: String, id: UUID)] = []
            for lessons in [3, 2, 1] {
                let learner = try await enrolled(campus)
                for lesson in LearningFixtures.lessons.prefix(lessons) {
                    _ = try await campus.request(.POST, "/api/v1/lessons/\(lesson)/completion", token: learner.token)
                    _ = try await campus.request(.POST, "/api/v1/lessons/\(lesson)/completion", token: learner.token)
                }
                learners.append(learner)
            }
            #expect(try await campus.request(.PATCH, "/api/v1/users/me", json: ["leaderboard_visible": true], token: learners[0].token).jsonObject["leaderboard_visible"] as? Bool == true)
            let board = try await campus.request(.GET, "/api/v1/leaderboards/all-time?limit=2", token: learners[2].token)
            #expect(board.status == .ok)
            let entries = try #require(board.jsonObject["entries"] as? [[String: Any]])
            #expect(entries.compactMap { $0["points"] as? Int } == [30, 20])
            #expect(entries.first?["name"] as? String == "Ada" && entries.first?["hidden"] as? Bool == false)
            #expect(entries.last?["name"] as? String == "A learner" && entries.last?["hidden"] as? Bool == true)
            #expect((board.jsonObject["you"] as? [String: Int]) == ["rank": 3, "points": 10])
            // Large boards rank from the per-instance histogram of points instead of a count: same answer.
            let histogramRanked = Leaderboard(database: campus.app.campusDB, standings: BoardStandings(), exactBelow: 1)
            for (learner, rank) in zip(learners, [1, 2, 3]) {
                let standing = try await histogramRanked.standing(of: learner.id, period: .allTime, courseID: nil, categoryID: nil, now: campus.clock.now)
                #expect(standing.rank == rank)
            }
            let course = try await campus.request(.GET, "/api/v1/leaderboards/week?course=fixture&lang=ru", token: learners[1].token)
            #expect((course.jsonObject["entries"] as? [[String: Any]])?.count == 3)
            #expect((course.jsonObject["entries"] as? [[String: Any]])?.last?["name"] as? String == "Участник")
            #expect(try await campus.request(.GET, "/api/v1/leaderboards/month", token: learners[1].token).status == .notFound)
            #expect(try await campus.request(.GET, "/api/v1/leaderboards/week?limit=0", token: learners[1].token).status == .unprocessableEntity)
            #expect(try await campus.request(.GET, "/api/v1/leaderboards/week?course=nope", token: learners[1].token).status == .unprocessableEntity)
            #expect(try await campus.request(.GET, "/api/v1/leaderboards/week").status == .unauthorized)
            #expect(try await campus.request(.PATCH, "/api/v1/users/me", json: ["leaderboard_visible": NSNull()], token: learners[1].token).status == .unprocessableEntity)
            // A week later (ISO weeks, UTC) this week's board starts empty; all time keeps everything.
            campus.clock.advance(by: 8 * 24 * 3600)
            let later = try await campus.user()
            let nextWeek = try await campus.request(.GET, "/api/v1/leaderboards/week", token: later.token)
            #expect((nextWeek.jsonObject["entries"] as? [Any])?.isEmpty == true)
            #expect((nextWeek.jsonObject["you"] as? [String: Any])?["points"] as? Int == 0)
            #expect((try await campus.request(.GET, "/api/v1/leaderboards/all-time", token: later.token).jsonObject["entries"] as? [Any])?.count == 3)
        }
    }
}
