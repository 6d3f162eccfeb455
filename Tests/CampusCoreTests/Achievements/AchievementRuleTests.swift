import Testing
@testable import CampusCore

@Suite("Achievement rules")
struct AchievementRuleTests {
    static let resolution = AchievementRuleParser.Resolution(
        ids: [.init(kind: .course, text: "course:demo"): "c1", .init(kind: .course, text: "demo"): "c1",
              .init(kind: .category, text: "api"): "k1", .init(kind: .quiz, text: "quiz:demo"): "quiz:demo"],
        quizLevels: ["quiz:demo": ["junior": 0, "middle": 55, "middle_plus": 70.5]])

    func parse(_ value: JSONValue) throws -> AchievementRule {
        try AchievementRuleParser.parse(value, resolution: Self.resolution)
    }

    func issues(_ value: JSONValue) -> [String] {
        do {
            _ = try AchievementRuleParser.parse(value, resolution: Self.resolution)
            return []
        } catch {
            return error.issues.map { "\($0.path): \($0.message)" }
        }
    }

    @Test("all, any and not combine conditions; each comparison holds at its boundary")
    func evaluation() throws {
        let rule = try parse(["all": [
            ["metric": "lessons_completed", "gte": 3, "course": "demo"],
            ["any": [["metric": "streak_days", "gte": 7], ["metric": "points", "eq": 100]]],
            ["not": ["metric": "enrollments", "lte": 0]],
        ]])
        func facts(lessons: Int, streak: Int, points: Int, enrollments: Int) -> (AchievementFact) -> Int {
            { fact in
                switch fact.metric {
                case .lessonsCompleted: fact.scope == AchievementScope(kind: .course, id: "c1") ? lessons : 99
                case .streakDays: streak
                case .points: points
                case .enrollments: enrollments
                default: 0
                }
            }
        }
        #expect(rule.holds(facts(lessons: 3, streak: 7, points: 0, enrollments: 1)))
        #expect(rule.holds(facts(lessons: 3, streak: 0, points: 100, enrollments: 1)))
        #expect(!rule.holds(facts(lessons: 2, streak: 7, points: 100, enrollments: 1)))
        #expect(!rule.holds(facts(lessons: 3, streak: 6, points: 101, enrollments: 1)))
        #expect(!rule.holds(facts(lessons: 3, streak: 7, points: 0, enrollments: 0)))
        #expect(rule.metrics == [.lessonsCompleted, .streakDays, .points, .enrollments])
    }

    @Test("a level of a quiz becomes the score that reaches it")
    func level() throws {
        let rule = try parse(["metric": "quiz_level_at_least", "quiz": "quiz:demo", "level": "middle_plus"])
        guard case .condition(let condition) = rule else { Issue.record("not a condition"); return }
        #expect(condition.fact == AchievementFact(metric: .quizBestScore, scope: AchievementScope(kind: .quiz, id: "quiz:demo")))
        #expect(condition.target == 71 && condition.level == "middle_plus")
        #expect(rule.holds { _ in 71 } && !rule.holds { _ in 70 })
    }

    @Test("progress shows each condition of all, the closest branch of any, nothing under not")
    func progress() throws {
        let rule = try parse(["all": [
            ["metric": "lessons_completed", "gte": 10],
            ["any": [["metric": "streak_days", "gte": 7], ["metric": "longest_streak_days", "gte": 30]]],
            ["not": ["metric": "points", "gte": 1000]],
        ]])
        let shown = rule.progress { fact in
            switch fact.metric {
            case .lessonsCompleted: 7
            case .streakDays: 2
            case .longestStreakDays: 27
            default: 0
            }
        }
        #expect(shown.map { "\($0.metric.rawValue) \($0.current)/\($0.target) \($0.met)" } == [
            "lessons_completed 7/10 false", "longest_streak_days 27/30 false",
        ])
    }

    @Test("unknown metrics, wrong scopes, bad targets and unresolved references are refused with their paths")
    func refusals() {
        #expect(issues(["metric": "karma", "gte": 1]).first?.hasPrefix("rule.metric: unknown metric (\"karma\")") == true)
        #expect(issues(["all": [["metric": "streak_days", "gte": 1, "course": "demo"]]])
                == ["rule.all[0].course: streak_days cannot be scoped to a course"])
        #expect(issues(["metric": "quiz_best_score", "gte": 50]) == ["rule.quiz: is required for quiz_best_score"])
        #expect(issues(["metric": "lessons_completed", "gte": 1, "course": "nope"]) == ["rule.course: no course \"nope\""])
        #expect(issues(["metric": "lessons_completed", "gte": -1]) == ["rule.gte: must be a whole number from 0"])
        #expect(issues(["metric": "lessons_completed", "gte": 1, "lte": 3]) == ["rule: needs exactly one of gte, eq, lte"])
        #expect(issues(["metric": "lessons_completed", "more": 1]) == ["rule.more: is not part of a condition", "rule: needs exactly one of gte, eq, lte"])
        #expect(issues(["metric": "quiz_level_at_least", "quiz": "quiz:demo", "level": "guru"])
                == ["rule.level: no level \"guru\" in quiz:demo; one of junior, middle, middle_plus"])
        #expect(issues(["all": []]) == ["rule.all: must be a non-empty array of rules"])
        #expect(issues(["all": [["metric": "points", "gte": 1]], "any": [["metric": "points", "gte": 1]]]) == ["rule: must hold only one of all, any, not"])
        #expect(issues("lessons") == ["rule: must be an object: {\"all\": […]}, {\"any\": […]}, {\"not\": …} or {\"metric\": …, \"gte\": n}"])
        var deep: JSONValue = ["metric": "points", "gte": 1]
        for _ in 0..<10 { deep = ["not": deep] }
        #expect(issues(deep).contains { $0.contains("nests deeper than 8 levels") })
    }

    @Test("references names every scope the caller must look up")
    func references() {
        let found = AchievementRuleParser.references(in: ["any": [["metric": "lessons_completed", "gte": 1, "course": "demo"],
                                                                  ["not": ["metric": "quiz_passed", "gte": 1, "category": "api"]]]])
        #expect(found == [.init(kind: .course, text: "demo"), .init(kind: .category, text: "api")])
    }
}
