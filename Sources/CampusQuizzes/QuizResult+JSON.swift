import CampusCore
import Foundation

/// A result as `attempt_details` stores it: snake_case keys, as every other stored document. Built
/// directly because encoding it with `JSONEncoder` and parsing the text again showed in every submit's
/// profile. `stored(_:)` reads it back, and also the camelCase form (`QuizResult`'s `Codable` keys) that
/// results written before 2026-12 carry; a test holds both forms equal to the result they came from.
extension QuizResult {
    package var jsonValue: JSONValue {
        .object([
            "score": .int(Int64(score)),
            "overall": .double(overall),
            "category_scores": .array(categoryScores.map(\.jsonValue)),
            "level": level?.jsonValue ?? .null,
            "passed": .bool(passed),
            "strengths": .array(strengths.map(JSONValue.string)),
            "weaknesses": .array(weaknesses.map(JSONValue.string)),
            "question_scores": .array(questionScores.map(\.jsonValue)),
            "points": .double(points),
            "max_points": .double(maxPoints),
        ])
    }

    /// The result a stored document holds, in either key style; nil if it cannot be read.
    package static func stored(_ value: JSONValue) -> QuizResult? {
        guard let bytes = try? renamingStoredKeys(value).jsonBytes() else { return nil }
        return try? JSONDecoder().decode(QuizResult.self, from: Data(bytes))
    }

    /// Stored snake_case names → the `Codable` names. A result holds no user-named keys, so every object
    /// in it can be renamed alike.
    private static let codableNames = [
        "category_scores": "categoryScores", "question_scores": "questionScores", "max_points": "maxPoints",
        "question_count": "questionCount", "min_score": "minScore", "next_level": "nextLevel", "min_years": "minYears",
        "question_id": "questionID",
    ]

    private static func renamingStoredKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(Dictionary(members.map { (codableNames[$0.key] ?? $0.key, renamingStoredKeys($0.value)) },
                               uniquingKeysWith: { first, _ in first }))
        case .array(let items):
            .array(items.map(renamingStoredKeys))
        default:
            value
        }
    }
}

extension CategoryScore {
    package var jsonValue: JSONValue {
        var members: JSONObject = [
            "key": .string(key), "name": .string(name), "weight": .double(weight), "score": .int(Int64(score)),
            "points": .double(points), "max_points": .double(maxPoints), "question_count": .int(Int64(questionCount)),
        ]
        members["icon"] = icon.map(JSONValue.string)
        return .object(members)
    }
}

extension QuizLevel {
    package var jsonValue: JSONValue {
        var members: JSONObject = ["key": .string(key), "min_score": .double(minScore)]
        members["icon"] = icon.map(JSONValue.string)
        members["description"] = description.map(JSONValue.string)
        members["next_level"] = nextLevel.map(JSONValue.string)
        members["min_years"] = minYears.map(JSONValue.string)
        return .object(members)
    }
}

extension QuestionScore {
    package var jsonValue: JSONValue {
        .object([
            "question_id": .string(questionID), "category": .string(category), "points": .double(points),
            "max_points": .double(maxPoints), "answered": .bool(answered),
        ])
    }
}
