import CampusCore
import CampusPlatform

/// Reads a set of answers against an attempt's questions.
package enum AnswerReading {
    /// Unknown questions or options are 422s naming the field, and so are missing answers when the quiz
    /// does not allow skipping.
    package static func interpret(_ answers: [String: JSONValue], details: AttemptDetails, questions: [String: Question],
                                  requireAll: Bool) throws -> [String: SubmittedAnswer] {
        var check = FieldValidator()
        var interpreted: [String: SubmittedAnswer] = [:]
        let asked = Set(details.questionIDs)
        for (questionID, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard asked.contains(questionID), let question = questions[questionID] else {
                check.fail("answers.\(questionID)", "is not a question of this attempt")
                continue
            }
            if value.isNull { continue }
            do {
                interpreted[questionID] = try AnswerCheck.interpret(value, for: question, path: "answers.\(questionID)")
            } catch {
                check.fail(error.path, error.message)
            }
        }
        if requireAll {
            for questionID in details.questionIDs where questions[questionID] != nil && interpreted[questionID] == nil {
                check.fail("answers.\(questionID)", "is required: this quiz does not allow skipping questions")
            }
        }
        try check.throwIfInvalid()
        return interpreted
    }
}
