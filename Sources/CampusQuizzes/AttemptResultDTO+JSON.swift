import CampusCore
import CampusPlatform
import Foundation
import Vapor

extension AttemptResultDTO {
    package func encodeResponse(for request: Request) async throws -> Response {
        Response.json(try jsonBytes())
    }

    /// The result as `Codable` would write it (held equal by `JSONWriterParityTests`): `JSONEncoder` was a
    /// tenth of a submit (issue 18).
    package func jsonBytes() throws -> [UInt8] {
        var json = JSONOutput(capacity: 4_096 + (questionDetails?.count ?? 0) * 512)
        json.beginObject()
        json.member(CodingKeys.attemptID.rawValue, attemptID)
        json.member(CodingKeys.attemptNo.rawValue, attemptNo)
        json.member(CodingKeys.quizID.rawValue, quizID)
        json.member(CodingKeys.status.rawValue, status)
        json.member(CodingKeys.score.rawValue, score)
        json.member(CodingKeys.maxScore.rawValue, maxScore)
        json.member(CodingKeys.level.rawValue, ifPresent: level)
        if let levelInfo {
            json.key(CodingKeys.levelInfo.rawValue)
            json.beginObject()
            try json.member(QuizCardDTO.LevelDTO.CodingKeys.minScore.rawValue, number: levelInfo.minScore)
            json.member(QuizCardDTO.LevelDTO.CodingKeys.icon.rawValue, ifPresent: levelInfo.icon)
            json.member(QuizCardDTO.LevelDTO.CodingKeys.description.rawValue, ifPresent: levelInfo.description)
            json.member(QuizCardDTO.LevelDTO.CodingKeys.nextLevel.rawValue, ifPresent: levelInfo.nextLevel)
            json.member(QuizCardDTO.LevelDTO.CodingKeys.minYears.rawValue, ifPresent: levelInfo.minYears)
            json.endObject()
        }
        json.member(CodingKeys.passed.rawValue, passed)
        json.member(CodingKeys.startedAt.rawValue, startedAt)
        json.member(CodingKeys.completedAt.rawValue, ifPresent: completedAt)
        if let timeSpentSeconds { json.member(CodingKeys.timeSpentSeconds.rawValue, timeSpentSeconds) }
        json.key(CodingKeys.categoryScores.rawValue)
        json.beginObject()
        for (key, category) in categoryScores.sorted(by: { $0.key < $1.key }) {
            json.key(key)
            json.beginObject()
            json.member(CategoryScoreDTO.CodingKeys.name.rawValue, category.name)
            json.member(CategoryScoreDTO.CodingKeys.icon.rawValue, ifPresent: category.icon)
            json.member(CategoryScoreDTO.CodingKeys.score.rawValue, category.score)
            try json.member(CategoryScoreDTO.CodingKeys.weight.rawValue, number: category.weight)
            try json.member(CategoryScoreDTO.CodingKeys.points.rawValue, number: category.points)
            try json.member(CategoryScoreDTO.CodingKeys.maxPoints.rawValue, number: category.maxPoints)
            json.member(CategoryScoreDTO.CodingKeys.questionCount.rawValue, category.questionCount)
            json.endObject()
        }
        json.endObject()
        json.key(CodingKeys.strengths.rawValue)
        json.strings(strengths)
        json.key(CodingKeys.weaknesses.rawValue)
        json.strings(weaknesses)
        json.key(CodingKeys.recommendations.rawValue)
        try json.value(recommendations)
        if let questionDetails {
            json.key(CodingKeys.questionDetails.rawValue)
            json.beginArray()
            for detail in questionDetails {
                json.separate()
                try detail.write(to: &json)
            }
            json.endArray()
        }
        if let percentile { json.member(CodingKeys.percentile.rawValue, percentile) }
        if let awarded {
            json.key(CodingKeys.awarded.rawValue)
            json.beginArray()
            for award in awarded {
                json.separate()
                json.beginObject()
                json.member(EarnedAward.CodingKeys.code.rawValue, award.code)
                json.member(EarnedAward.CodingKeys.title.rawValue, award.title)
                json.member(EarnedAward.CodingKeys.icon.rawValue, ifPresent: award.icon)
                json.member(EarnedAward.CodingKeys.points.rawValue, award.points)
                json.member(EarnedAward.CodingKeys.awardID.rawValue, award.awardID)
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        return json.bytes
    }
}

extension QuestionDetailDTO {
    /// `stored`: points as `json` holds them (always doubles) for the attempt's document, rather than as `Codable` writes them.
    func write(to json: inout JSONOutput, stored: Bool = false) throws {
        json.beginObject()
        json.member(CodingKeys.questionID.rawValue, questionID)
        json.member(CodingKeys.category.rawValue, category)
        json.member(CodingKeys.question.rawValue, question)
        json.member(CodingKeys.mode.rawValue, mode)
        if let chosen {
            json.key(CodingKeys.chosen.rawValue)
            try json.value(chosen)
        }
        json.member(CodingKeys.chosenText.rawValue, ifPresent: chosenText)
        if let bestValue {
            json.key(CodingKeys.bestValue.rawValue)
            try json.value(bestValue)
        }
        json.member(CodingKeys.bestText.rawValue, ifPresent: bestText)
        if stored {
            try json.member(CodingKeys.points.rawValue, exactly: points)
            try json.member(CodingKeys.maxPoints.rawValue, exactly: maxPoints)
        } else {
            try json.member(CodingKeys.points.rawValue, number: points)
            try json.member(CodingKeys.maxPoints.rawValue, number: maxPoints)
        }
        json.member(CodingKeys.correct.rawValue, correct)
        json.member(CodingKeys.explanation.rawValue, ifPresent: explanation)
        json.endObject()
    }
}
