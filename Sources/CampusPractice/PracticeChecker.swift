import CampusCore
import Foundation

/// Checks one submission against its exercise: the verdict per check, whatever the kind.
package struct PracticeChecker: Sendable {
    let services: PracticeServices

    /// What a learner submits, already read from the request.
    package enum Submission: Sendable, Equatable {
        case query(String)
        /// The document, or the text that did not parse (its parse error is the verdict).
        case document(JSONValue?, text: String?)
        case requests([APIRequest])
    }

    package struct Verdict: Sendable {
        package var checks: [PracticeCheckResult]
        package var exchanges: [MockAPI.Exchange] = []

        package var passed: Bool { !checks.isEmpty && checks.allSatisfy(\.passed) }
    }

    package func check(_ exercise: PracticeExercise, _ submission: Submission) async throws -> Verdict {
        switch (exercise.task, submission) {
        case (.sql(let task), .query(let query)):
            return Verdict(checks: try await checkSQL(task, query: query))
        case (.json(let task), .document(let document, let text)):
            guard let document else {
                let message = LocalizedText(en: "The document is not valid JSON\(text.map { $0.isEmpty ? " (it is empty)" : "" } ?? "").",
                                            ru: "Документ не является корректным JSON\(text.map { $0.isEmpty ? " (он пуст)" : "" } ?? "").")
                return Verdict(checks: [PracticeCheckResult(name: LocalizedText(en: "JSON syntax", ru: "Синтаксис JSON"), passed: false, message: message)])
            }
            return Verdict(checks: JSONExerciseCheck.run(task, on: document))
        case (.api(let task), .requests(let requests)):
            let outcome = APIExerciseCheck.run(task, requests: requests)
            return Verdict(checks: outcome.checks, exchanges: outcome.exchanges)
        default:
            preconditionFailure("the service reads a submission of the exercise's kind")
        }
    }

    static let visibleName = LocalizedText(en: "Result on the example data", ru: "Результат на данных из примера")
    static let hiddenName = LocalizedText(en: "Result on other data", ru: "Результат на другом наборе данных")

    /// The visible rows first; the hidden ones only when those match, so a learner is never told about
    /// rows they could not see before fixing what they can.
    func checkSQL(_ task: SQLTask, query: String) async throws -> [PracticeCheckResult] {
        let runner = try services.runner(task.dialect)
        var results: [PracticeCheckResult] = []
        for dataset in SQLTask.Dataset.allCases {
            let hidden = dataset == .hidden
            let name = hidden ? Self.hiddenName : Self.visibleName
            if results.contains(where: { !$0.passed }) {
                results.append(PracticeCheckResult(name: name, passed: false,
                                                   message: LocalizedText(en: "Checked once the result on the example data is right.",
                                                                          ru: "Проверяется, когда результат на данных из примера верен.")))
                continue
            }
            let expected = try await reference(task, dataset, runner: runner)
            switch try await runner.run(query, task: task, dataset: dataset, rowLimit: task.limits.rows, truncate: false) {
            case .failed(let failure):
                results.append(PracticeCheckResult(name: name, passed: false, message: failure.text(onHiddenData: hidden)))
            case .rows(let actual, _):
                let verdict = SQLResultCheck.compare(expected: expected, actual: actual, rules: task.compare)
                results.append(PracticeCheckResult(name: name, passed: verdict.passed,
                                                   message: verdict.passed ? PracticeCheckResult.passedMessage : verdict.text(onHiddenData: hidden)))
            }
        }
        return results
    }

    /// The reference's result; saving the exercise proved it runs, so a failure now is the server's.
    func reference(_ task: SQLTask, _ dataset: SQLTask.Dataset, runner: any SQLDialectRunner) async throws -> SQLResult {
        try await services.references.get(task, dataset) {
            switch try await runner.run(task.reference, task: task, dataset: dataset, rowLimit: task.limits.rows, truncate: false) {
            case .rows(let result, _): return result
            case .failed(let failure): throw ReferenceFailure(dataset: dataset, failure: failure)
            }
        }
    }

    package struct ReferenceFailure: Error {
        package var dataset: SQLTask.Dataset
        package var failure: SQLRunFailure
    }
}
