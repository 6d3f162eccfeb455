import Foundation

extension QuizContentParser {
    static let quizIDPrefix = "quiz:"
    static let defaultPassingScore = 50.0
    /// A day; longer is a typo in the content, not a real exam.
    static let longestDurationMinutes = 1440

    /// Parses and validates one quiz document; `path` prefixes every issue's path, e.g. "quizzes[0]".
    /// The id is read from `_id` (the document store's key) or, failing that, `id`.
    public static func parseQuiz(_ object: JSONObject, path: String) throws(ContentIssues) -> Quiz {
        var collector = ContentIssueCollector()
        let id = readQuizID(object, at: path, into: &collector)
        let type = collector.optionalText(object, "type", at: path) ?? "assessment"
        let title = collector.requiredText(object, "title", at: path)
        let description = collector.optionalText(object, "description", at: path)
        let slug = collector.optionalText(object, "slug", at: path)
        let level = collector.optionalText(object, "level", at: path)
        let passingScore = readPassingScore(object, at: path, into: &collector)
        let durationMinutes = collector.optionalWholeNumber(object, "duration_minutes", at: path, in: 1...longestDurationMinutes)
        let categories = readCategories(object, at: path, into: &collector)
        let levels = readLevels(object, at: path, into: &collector)
        let questionIDs = readQuestionIDs(object, at: path, into: &collector)
        let settings = readSettings(object, at: path, into: &collector)
        let translations = collector.optionalObject(object, "translations", at: path)

        try collector.throwIfAny()
        guard let id, let title else { preconditionFailure("a missing required field always records an issue") }
        return Quiz(
            id: id, type: type, title: title, description: description, slug: slug, level: level,
            durationMinutes: durationMinutes, passingScore: passingScore, categories: categories, levels: levels,
            questionIDs: questionIDs, settings: settings, translations: translations
        )
    }

    private static func readQuizID(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> String? {
        let hasStoreKey = (object["_id"] ?? .null) != .null
        let hasPlainKey = (object["id"] ?? .null) != .null
        let key = !hasStoreKey && hasPlainKey ? "id" : "_id"
        guard let id = collector.requiredText(object, key, at: path) else { return nil }
        let idPath = ContentPath.member(path, key)
        if !id.hasPrefix(quizIDPrefix) {
            collector.add(idPath, "must start with \"\(quizIDPrefix)\"")
            return nil
        }
        if id.dropFirst(quizIDPrefix.count).trimmingCharacters(in: .whitespaces).isEmpty {
            collector.add(idPath, "needs a name after \"\(quizIDPrefix)\"")
            return nil
        }
        return id
    }

    private static func readPassingScore(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> Double {
        switch object["passing_score"] {
        case nil, .null?:
            return defaultPassingScore
        case let value?:
            if let score = value.doubleValue, (0...100).contains(score) { return score }
            collector.add(ContentPath.member(path, "passing_score"), "must be a number from 0 to 100")
            return defaultPassingScore
        }
    }

    private static func readCategories(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> [QuizCategory] {
        guard let rawCategories = collector.optionalObject(object, "categories", at: path) else { return [] }
        let categoriesPath = ContentPath.member(path, "categories")
        var categories: [QuizCategory] = []
        for key in rawCategories.keys.sorted() {
            let categoryPath = ContentPath.member(categoriesPath, key)
            guard case .object(let fields)? = rawCategories[key] else {
                collector.add(categoryPath, "must be an object")
                continue
            }
            let name = collector.requiredText(fields, "name", at: categoryPath)
            let icon = collector.optionalText(fields, "icon", at: categoryPath)
            let description = collector.optionalText(fields, "description", at: categoryPath)
            var order: Int?
            if let rawOrder = fields["order"], !rawOrder.isNull {
                order = rawOrder.intValue
                if order == nil { collector.add(ContentPath.member(categoryPath, "order"), "must be a whole number") }
            }
            var weight: Double? = 1
            if let rawWeight = fields["weight"], !rawWeight.isNull {
                weight = rawWeight.doubleValue.flatMap { $0 > 0 ? $0 : nil }
                if weight == nil { collector.add(ContentPath.member(categoryPath, "weight"), "must be a number above 0") }
            }
            if let name, let weight {
                categories.append(QuizCategory(key: key, name: name, icon: icon, weight: weight, description: description, order: order))
            }
        }
        return categories
    }

    private static func readLevels(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> [QuizLevel] {
        guard let rawLevels = collector.optionalObject(object, "level_config", at: path) else { return [] }
        let levelsPath = ContentPath.member(path, "level_config")
        var levels: [QuizLevel] = []
        var levelKeyByThreshold: [Double: String] = [:]
        var everyThresholdIsReadable = true
        for key in rawLevels.keys.sorted() {
            let levelPath = ContentPath.member(levelsPath, key)
            guard case .object(let fields)? = rawLevels[key] else {
                collector.add(levelPath, "must be an object")
                everyThresholdIsReadable = false
                continue
            }
            let minScorePath = ContentPath.member(levelPath, "min_score")
            let minScore = fields["min_score"]?.doubleValue.flatMap { (0...100).contains($0) ? $0 : nil }
            let icon = collector.optionalText(fields, "icon", at: levelPath)
            let description = collector.optionalText(fields, "description", at: levelPath)
            let nextLevel = collector.optionalText(fields, "next_level", at: levelPath)
            let minYears = readMinYears(fields, at: levelPath, into: &collector)
            let name = collector.optionalText(fields, "name", at: levelPath)
            guard let minScore else {
                collector.add(minScorePath, "must be a number from 0 to 100")
                everyThresholdIsReadable = false
                continue
            }
            if let sameThreshold = levelKeyByThreshold[minScore] {
                collector.add(minScorePath, "same threshold as \"\(sameThreshold)\"")
                continue
            }
            levelKeyByThreshold[minScore] = key
            levels.append(QuizLevel(
                key: key, minScore: minScore, icon: icon, description: description, nextLevel: nextLevel, minYears: minYears,
                name: name
            ))
        }
        // With an unreadable threshold the author may have meant it to be the 0 one.
        if everyThresholdIsReadable, !levels.isEmpty, !levels.contains(where: { $0.minScore == 0 }) {
            collector.add(levelsPath, "no level starts at 0, so low scores get no level")
        }
        return levels
    }

    /// Content writes years as text ("5+"); a plain number is accepted too and kept as its text.
    private static func readMinYears(_ fields: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> String? {
        switch fields["min_years"] {
        case .int(let years)?: return String(years)
        case .double(let years)?: return Int(exactly: years).map(String.init) ?? String(years)
        default: return collector.optionalText(fields, "min_years", at: path)
        }
    }

    private static func readQuestionIDs(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> [String] {
        let idsPath = ContentPath.member(path, "question_ids")
        let items: [JSONValue]
        switch object["question_ids"] {
        case .array(let array)?:
            items = array
        case nil, .null?:
            collector.add(idsPath, "is required")
            return []
        default:
            collector.add(idsPath, "must be an array of question ids")
            return []
        }
        var questionIDs: [String] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let itemPath = ContentPath.element(idsPath, index)
            guard case .string(let questionID) = item,
                  !questionID.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                collector.add(itemPath, "must be a non-empty string")
                continue
            }
            guard seen.insert(questionID).inserted else {
                collector.add(itemPath, "duplicate question \"\(questionID)\"")
                continue
            }
            questionIDs.append(questionID)
        }
        return questionIDs
    }

    private static func readSettings(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> QuizSettings {
        let defaults = QuizSettings()
        guard let fields = collector.optionalObject(object, "settings", at: path) else { return defaults }
        let settingsPath = ContentPath.member(path, "settings")
        return QuizSettings(
            shuffleQuestions: collector.optionalBool(fields, "shuffle_questions", at: settingsPath) ?? defaults.shuffleQuestions,
            shuffleOptions: collector.optionalBool(fields, "shuffle_options", at: settingsPath) ?? defaults.shuffleOptions,
            showCorrectAnswers: collector.optionalBool(fields, "show_correct_answers", at: settingsPath) ?? defaults.showCorrectAnswers,
            allowSkip: collector.optionalBool(fields, "allow_skip", at: settingsPath) ?? defaults.allowSkip,
            timeLimitMinutes: collector.optionalWholeNumber(fields, "time_limit", at: settingsPath, in: 1...Int.max),
            maxAttempts: collector.optionalWholeNumber(fields, "max_attempts", at: settingsPath, in: 1...Int.max)
        )
    }
}
