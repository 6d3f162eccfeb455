import CampusCore
import Foundation

/// A result as `attempt_details` stores it: snake_case keys, as every other stored document. Written
/// directly because encoding it with `JSONEncoder` and parsing the text again showed in every submit's
/// profile. `stored(_:)` reads it back, and also the camelCase form (`QuizResult`'s `Codable` keys) that
/// results written before 2026-12 carry; a test holds both forms equal to the result they came from.
extension QuizResult {
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

    /// The stored form, written straight to text: building it as a `JSONValue` tree first was part of the tenth of a
    /// submit that went to its details document (issue 18). A test reads it back through `stored(_:)`.
    package func writeStored(to json: inout JSONOutput) throws {
        json.beginObject()
        json.member("score", score)
        try json.member("overall", exactly: overall)
        json.key("category_scores")
        json.beginArray()
        for category in categoryScores {
            json.separate()
            try category.writeStored(to: &json)
        }
        json.endArray()
        json.key("level")
        if let level { try level.writeStored(to: &json) } else { json.null() }
        json.member("passed", passed)
        json.key("strengths")
        json.strings(strengths)
        json.key("weaknesses")
        json.strings(weaknesses)
        json.key("question_scores")
        json.beginArray()
        for question in questionScores {
            json.separate()
            json.beginObject()
            json.member("question_id", question.questionID)
            json.member("category", question.category)
            try json.member("points", exactly: question.points)
            try json.member("max_points", exactly: question.maxPoints)
            json.member("answered", question.answered)
            json.endObject()
        }
        json.endArray()
        try json.member("points", exactly: points)
        try json.member("max_points", exactly: maxPoints)
        json.endObject()
    }
}

extension CategoryScore {
    fileprivate func writeStored(to json: inout JSONOutput) throws {
        json.beginObject()
        json.member("key", key)
        json.member("name", name)
        try json.member("weight", exactly: weight)
        json.member("score", score)
        try json.member("points", exactly: points)
        try json.member("max_points", exactly: maxPoints)
        json.member("question_count", questionCount)
        json.member("icon", ifPresent: icon)
        json.endObject()
    }
}

extension QuizLevel {
    fileprivate func writeStored(to json: inout JSONOutput) throws {
        json.beginObject()
        json.member("key", key)
        try json.member("min_score", exactly: minScore)
        json.member("icon", ifPresent: icon)
        json.member("description", ifPresent: description)
        json.member("next_level", ifPresent: nextLevel)
        json.member("min_years", ifPresent: minYears)
        json.endObject()
    }
}
