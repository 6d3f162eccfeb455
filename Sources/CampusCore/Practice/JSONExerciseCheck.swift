/// Checks a learner's JSON document: one verdict per rule, then one per schema finding.
public enum JSONExerciseCheck {
    /// At most this many schema findings are reported; the first ones are what the learner fixes next.
    public static let maximumSchemaFindings = 10

    public static func run(_ task: JSONTask, on document: JSONValue) -> [PracticeCheckResult] {
        var results = JSONRuleCheck.evaluate(task.rules, on: document).map { outcome in
            PracticeCheckResult(name: LocalizedText(en: outcome.rule.pointer.description.isEmpty ? "/" : outcome.rule.pointer.description),
                                passed: outcome.passed,
                                message: outcome.passed ? PracticeCheckResult.passedMessage : outcome.rule.message)
        }
        if let schema = task.schema {
            let failures = JSONSchemaCheck(schema: schema).validate(document)
            let name = LocalizedText(en: "JSON Schema", ru: "JSON Schema")
            if failures.isEmpty {
                results.append(PracticeCheckResult(name: name, passed: true, message: PracticeCheckResult.passedMessage))
            } else {
                for failure in failures.prefix(maximumSchemaFindings) {
                    let at = failure.instancePath.isEmpty ? "/" : failure.instancePath
                    let lead = task.schemaMessage.map { ($0.en ?? $0.ru ?? "") + " " } ?? ""
                    let leadRU = task.schemaMessage.map { ($0.ru ?? $0.en ?? "") + " " } ?? ""
                    results.append(PracticeCheckResult(
                        name: LocalizedText(en: "JSON Schema \(at)", ru: "JSON Schema \(at)"),
                        passed: false,
                        message: LocalizedText(en: "\(lead)\(at): \(failure.message)", ru: "\(leadRU)\(at): \(failure.message)")))
                }
            }
        }
        return results
    }
}
