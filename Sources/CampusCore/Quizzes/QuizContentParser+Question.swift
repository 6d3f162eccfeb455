import Foundation

extension QuizContentParser {
    /// The longest question id accepted; ids end up in URLs and attempt records.
    static let maximumQuestionIDLength = 200

    /// Parses and validates one bank question; `path` prefixes every issue's path, e.g. "questions[17]".
    public static func parseQuestion(_ object: JSONObject, path: String) throws(ContentIssues) -> Question {
        var collector = ContentIssueCollector()
        let id = collector.requiredText(object, "id", at: path)
        if let id, id.count > maximumQuestionIDLength {
            collector.add(ContentPath.member(path, "id"), "must be at most \(maximumQuestionIDLength) characters")
        }
        let category = collector.requiredText(object, "category", at: path)
        let text = collector.requiredText(object, "question", at: path)
        let type = collector.optionalText(object, "type", at: path)
        let explanation = collector.optionalText(object, "explanation", at: path)
        let translations = collector.optionalObject(object, "translations", at: path)
        let renamedFrom = collector.optionalText(object, "renamed_from", at: path)
        let mode = readMode(object, at: path, into: &collector)

        var choices = (options: [QuestionOption](), weights: [String: Double]())
        var accepted: [AcceptedAnswer] = []
        switch mode {
        case .single?, .multiple?: choices = readChoices(object, at: path, into: &collector)
        case .text?: accepted = readAccepted(object, at: path, into: &collector)
        case nil: break  // an unknown mode leaves no way to tell which answer fields to expect
        }

        try collector.throwIfAny()
        guard let id, let category, let text, let mode else {
            preconditionFailure("a missing required field always records an issue")
        }
        return Question(
            id: id, category: category, type: type, mode: mode, text: text,
            options: choices.options, weights: choices.weights, accepted: accepted,
            explanation: explanation, translations: translations, renamedFrom: renamedFrom
        )
    }

    private static func readMode(_ object: JSONObject, at path: String, into collector: inout ContentIssueCollector) -> AnswerMode? {
        switch object["mode"] {
        case nil, .null?:
            return .single
        case .string(let raw)? where AnswerMode(rawValue: raw) != nil:
            return AnswerMode(rawValue: raw)
        default:
            let modes = AnswerMode.allCases.map(\.rawValue).joined(separator: ", ")
            collector.add(ContentPath.member(path, "mode"), "must be one of \(modes)")
            return nil
        }
    }

    private static func readChoices(
        _ object: JSONObject, at path: String, into collector: inout ContentIssueCollector
    ) -> (options: [QuestionOption], weights: [String: Double]) {
        let optionsPath = ContentPath.member(path, "options")
        var options: [QuestionOption] = []
        // Kept apart from `options` so weights can still be checked when an option's text is broken.
        var optionValues: [(value: String, index: Int)] = []
        var optionsReadable = false

        switch object["options"] {
        case .array(let items)?:
            optionsReadable = true
            if items.count < 2 { collector.add(optionsPath, "needs at least 2 options") }
            for (index, item) in items.enumerated() {
                let itemPath = ContentPath.element(optionsPath, index)
                guard case .object(let fields) = item else {
                    collector.add(itemPath, "must be an object")
                    continue
                }
                let value = collector.requiredText(fields, "value", at: itemPath)
                let text = collector.requiredText(fields, "text", at: itemPath)
                guard let value else { continue }
                if optionValues.contains(where: { $0.value == value }) {
                    collector.add(ContentPath.member(itemPath, "value"), "duplicate option \"\(value)\"")
                    continue
                }
                optionValues.append((value, index))
                if let text { options.append(QuestionOption(value: value, text: text)) }
            }
        case nil, .null?:
            collector.add(optionsPath, "is required")
        default:
            collector.add(optionsPath, "must be an array")
        }

        let weightsPath = ContentPath.member(path, "weights")
        var weights: [String: Double] = [:]
        switch object["weights"] {
        case .object(let rawWeights)?:
            var everyWeightIsNumber = true
            for key in rawWeights.keys.sorted() {
                let keyPath = ContentPath.member(weightsPath, key)
                if optionsReadable, !optionValues.contains(where: { $0.value == key }) {
                    collector.add(keyPath, "no such option")
                    continue
                }
                guard let weight = rawWeights[key]?.doubleValue else {
                    collector.add(keyPath, "must be a number")
                    everyWeightIsNumber = false
                    continue
                }
                weights[key] = weight
            }
            for option in optionValues where rawWeights[option.value] == nil {
                collector.add(ContentPath.element(optionsPath, option.index), "no weight for option \"\(option.value)\"")
            }
            // With an unreadable weight the author may have meant it to be the positive one.
            if optionsReadable, everyWeightIsNumber, !weights.values.contains(where: { $0 > 0 }) {
                collector.add(weightsPath, "no option scores above 0")
            }
        case nil, .null?:
            collector.add(weightsPath, "is required")
        default:
            collector.add(weightsPath, "must be an object")
        }
        return (options, weights)
    }

    private static func readAccepted(
        _ object: JSONObject, at path: String, into collector: inout ContentIssueCollector
    ) -> [AcceptedAnswer] {
        let acceptedPath = ContentPath.member(path, "accepted")
        let items: [JSONValue]
        switch object["accepted"] {
        case .array(let array)?:
            items = array
        case nil, .null?:
            collector.add(acceptedPath, "is required")
            return []
        default:
            collector.add(acceptedPath, "must be an array")
            return []
        }
        guard !items.isEmpty else {
            collector.add(acceptedPath, "must not be empty")
            return []
        }

        var accepted: [AcceptedAnswer] = []
        var readableWeights: [Double] = []
        var everyWeightIsReadable = true
        for (index, item) in items.enumerated() {
            let itemPath = ContentPath.element(acceptedPath, index)
            guard case .object(let fields) = item else {
                collector.add(itemPath, "must be an object")
                everyWeightIsReadable = false
                continue
            }
            let answer = collector.requiredText(fields, "answer", at: itemPath)
            guard let weight = fields["weight"]?.doubleValue else {
                collector.add(ContentPath.member(itemPath, "weight"), "must be a number")
                everyWeightIsReadable = false
                continue
            }
            readableWeights.append(weight)
            if let answer { accepted.append(AcceptedAnswer(answer: answer, weight: weight)) }
        }
        // With an unreadable weight the author may have meant it to be the positive one.
        if everyWeightIsReadable, !readableWeights.contains(where: { $0 > 0 }) {
            collector.add(acceptedPath, "no answer scores above 0")
        }
        return accepted
    }
}
