import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// Reads an achievement an admin writes (all fields on create, any on update) and resolves its rule's
/// references: 422 naming every bad field, with JSON paths inside the rule.
struct AchievementInput {
    let database: any Database
    let content: any ContentStore

    func read(_ body: JSONObject, existing: Achievement?, now: Date) async throws -> Achievement {
        var check = FieldValidator()
        func given(_ key: String) -> JSONValue? { body.nonNull(key) }
        let code = existing?.code ?? given("code")?.stringValue ?? ""
        let wellFormed = !code.isEmpty && code.count <= 64
            && code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }
        if existing == nil && !wellFormed { check.fail("code", "is required: 1–64 characters of a-z, 0-9, - and _") }
        if existing != nil, let other = given("code")?.stringValue, other != existing?.code { check.fail("code", "cannot change") }
        func text(_ key: String, required: Bool) -> LocalizedText? {
            guard let value = given(key) else {
                if required { check.fail(key, "is required: a string or {\"en\": …, \"ru\": …}") }
                return nil
            }
            guard let text = LocalizedText(value) else { check.fail(key, "must be a non-empty string or {\"en\": …, \"ru\": …}"); return nil }
            return text
        }
        let title = text("title", required: existing == nil) ?? existing?.title
        let description = text("description", required: existing == nil) ?? existing?.description
        var icon = existing?.icon
        if let value = given("icon") {
            if let string = value.stringValue, string.count <= 200 { icon = string } else { check.fail("icon", "must be a string of at most 200 characters") }
        }
        var rarity = existing?.rarity ?? .common
        if let value = given("rarity") {
            if let parsed = value.stringValue.flatMap(Achievement.Rarity.init(rawValue:)) { rarity = parsed }
            else { check.fail("rarity", "must be one of common, rare, epic, legendary") }
        }
        var points = existing?.points ?? 0
        if let value = given("points") {
            if let number = value.intValue, (0...100_000).contains(number) { points = number } else { check.fail("points", "must be a whole number from 0 to 100000") }
        }
        var status = existing?.status ?? .active
        if let value = given("status") {
            if let parsed = value.stringValue.flatMap(Achievement.Status.init(rawValue:)) { status = parsed } else { check.fail("status", "must be active or retired") }
        }
        var ruleJSON = existing?.ruleJSON
        var rule = existing?.rule
        if let value = given("rule") {
            do {
                rule = try AchievementRuleParser.parse(value, path: "rule", resolution: try await resolve(AchievementRuleParser.references(in: value)))
                ruleJSON = value
            } catch let issues as ContentIssues {
                for issue in issues.issues { check.fail(issue.path, issue.message) }
            }
        } else if existing == nil {
            check.fail("rule", "is required: {\"metric\": …, \"gte\": n} or all/any/not of such")
        }
        try check.throwIfInvalid()
        guard let title, let description, let rule, let ruleJSON else { try check.throwIfInvalid(); throw AchievementError.achievementNotFound }
        return Achievement(id: existing?.id ?? UUID(), code: code, title: title, description: description, icon: icon, rarity: rarity,
                           points: points, ruleJSON: ruleJSON, rule: rule, status: status,
                           createdAt: existing?.createdAt ?? now, updatedAt: now)
    }

    /// Courses by id, slug or content id; categories by id or slug; quizzes by content id, with their levels.
    func resolve(_ references: Set<AchievementRuleParser.Reference>) async throws -> AchievementRuleParser.Resolution {
        var resolution = AchievementRuleParser.Resolution()
        for reference in references {
            switch reference.kind {
            case .course:
                if let course = try await CourseDirectory(database: database).find(reference.text), let id = course.id {
                    resolution.ids[reference] = id.wireString
                }
            case .category:
                let query = Category.query(on: database)
                if let id = UUID(uuidString: reference.text) { query.filter(\.$id == id) } else { query.filter(\.$slug == reference.text.lowercased()) }
                if let category = try await query.first(), let id = category.id { resolution.ids[reference] = id.wireString }
            case .quiz:
                guard let document = try await content.get(ContentCollection.quizzes, id: reference.text) else { continue }
                resolution.ids[reference] = reference.text
                var withID = document
                withID["_id"] = .string(reference.text)
                if let quiz = try? QuizContentParser.parseQuiz(withID, path: "quiz") {
                    resolution.quizLevels[reference.text] = Dictionary(quiz.levels.map { ($0.key, $0.minScore) }, uniquingKeysWith: { first, _ in first })
                }
            }
        }
        return resolution
    }
}
