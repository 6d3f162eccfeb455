import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import Foundation

/// The content-store document of one attempt (`attempt_details`, id `attempt:<uuid>`): the plan fixed
/// at start, the answers saved so far, and after submission the result and per-question details.
package struct AttemptDetails: Sendable {
    package var attemptID: UUID
    package var userID: UUID?
    package var quizID: String
    package var questionIDs: [String]
    package var optionOrder: [String: [String]]
    package var answers: [String: JSONValue]
    package var result: JSONValue?
    package var questionDetails: JSONValue?
    package var recommendations: String?

    package var id: String { QuizAttempt.detailsID(for: attemptID) }

    package init(attemptID: UUID, userID: UUID?, quizID: String, questionIDs: [String], optionOrder: [String: [String]]) {
        self.attemptID = attemptID
        self.userID = userID
        self.quizID = quizID
        self.questionIDs = questionIDs
        self.optionOrder = optionOrder
        self.answers = [:]
    }

    package init?(_ document: JSONObject) {
        guard let rawID = document["attempt_id"]?.stringValue, let attemptID = UUID(uuidString: rawID),
              let quizID = document["quiz_id"]?.stringValue else { return nil }
        self.attemptID = attemptID
        self.userID = document["user_id"]?.stringValue.flatMap(UUID.init(uuidString:))
        self.quizID = quizID
        self.questionIDs = document["question_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.optionOrder = (document["option_order"]?.objectValue ?? [:]).mapValues { $0.arrayValue?.compactMap(\.stringValue) ?? [] }
        self.answers = document["answers"]?.objectValue ?? [:]
        self.result = document["result"]
        self.questionDetails = document["question_details"]
        self.recommendations = document["recommendations"]?.stringValue
    }

    package var document: JSONObject {
        var document: JSONObject = [
            "attempt_id": .string(attemptID.wireString),
            "quiz_id": .string(quizID),
            "question_ids": .array(questionIDs.map(JSONValue.string)),
            "option_order": .object(optionOrder.mapValues { .array($0.map(JSONValue.string)) }),
            "answers": .object(answers),
        ]
        document["user_id"] = userID.map { .string($0.wireString) } ?? .null
        if let result { document["result"] = result }
        if let questionDetails { document["question_details"] = questionDetails }
        document["recommendations"] = recommendations.map(JSONValue.string) ?? .null
        return document
    }
}

extension AttemptDetails {
    /// `document` written straight to JSON text, with the result and per-question details of `scored` when a submit
    /// has them: they are most of a finished attempt's document, and building them as `JSONValue` trees first (then
    /// sorting and freeing them) was a tenth of a submit (issue 18). A test holds it equal to `document`.
    package func documentJSON(scored: QuizPresenter.Scored? = nil) throws -> [UInt8] {
        var json = JSONOutput(capacity: 1_024 + questionIDs.count * (scored == nil ? 96 : 1_024))
        json.beginObject()
        json.member("attempt_id", attemptID.wireString)
        json.member("quiz_id", quizID)
        json.key("question_ids")
        json.strings(questionIDs)
        json.key("option_order")
        json.beginObject()
        for (questionID, order) in optionOrder {
            json.key(questionID)
            json.strings(order)
        }
        json.endObject()
        json.key("answers")
        try json.value(.object(answers))
        json.key("user_id")
        if let userID { json.string(userID.wireString) } else { json.null() }
        if let scored {
            json.key("result")
            try scored.result.writeStored(to: &json)
            json.key("question_details")
            json.beginArray()
            for detail in scored.questionDetails {
                json.separate()
                try detail.write(to: &json, stored: true)
            }
            json.endArray()
        } else {
            if let result {
                json.key("result")
                try json.value(result)
            }
            if let questionDetails {
                json.key("question_details")
                try json.value(questionDetails)
            }
        }
        json.key("recommendations")
        if let recommendations { json.string(recommendations) } else { json.null() }
        json.endObject()
        return json.bytes
    }

    /// The stored result, typed again; nil before submission or if it cannot be read.
    package var decodedResult: QuizResult? {
        result.flatMap(QuizResult.stored)
    }

    /// The stored per-question details, typed again; nil before submission or if they cannot be read.
    package var decodedQuestionDetails: [QuestionDetailDTO]? {
        guard let bytes = try? questionDetails?.jsonBytes() else { return nil }
        return try? JSONDecoder.campus.decode([QuestionDetailDTO].self, from: Data(bytes))
    }
}
