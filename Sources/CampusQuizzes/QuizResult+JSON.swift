import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform

/// A result as `attempt_details` stores it: the keys of `QuizResult`'s `Codable` form, which is how it
/// is read back (a test keeps the two equal). Built directly because encoding it with `JSONEncoder`
/// and parsing the text again was a visible part of every submit.
extension QuizResult {
    package var jsonValue: JSONValue {
        .object([
            "score": .int(Int64(score)),
            "overall": .double(overall),
            "categoryScores": .array(categoryScores.map(\.jsonValue)),
            "level": level?.jsonValue ?? .null,
            "passed": .bool(passed),
            "strengths": .array(strengths.map(JSONValue.string)),
            "weaknesses": .array(weaknesses.map(JSONValue.string)),
            "questionScores": .array(questionScores.map(\.jsonValue)),
            "points": .double(points),
            "maxPoints": .double(maxPoints),
        ])
    }
}

extension CategoryScore {
    package var jsonValue: JSONValue {
        var members: JSONObject = [
            "key": .string(key), "name": .string(name), "weight": .double(weight), "score": .int(Int64(score)),
            "points": .double(points), "maxPoints": .double(maxPoints), "questionCount": .int(Int64(questionCount)),
        ]
        members["icon"] = icon.map(JSONValue.string)
        return .object(members)
    }
}

extension QuizLevel {
    package var jsonValue: JSONValue {
        var members: JSONObject = ["key": .string(key), "minScore": .double(minScore)]
        members["icon"] = icon.map(JSONValue.string)
        members["description"] = description.map(JSONValue.string)
        members["nextLevel"] = nextLevel.map(JSONValue.string)
        members["minYears"] = minYears.map(JSONValue.string)
        return .object(members)
    }
}

extension QuestionScore {
    package var jsonValue: JSONValue {
        .object([
            "questionID": .string(questionID), "category": .string(category), "points": .double(points),
            "maxPoints": .double(maxPoints), "answered": .bool(answered),
        ])
    }
}
