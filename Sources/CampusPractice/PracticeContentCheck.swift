import CampusCatalog
import CampusCore
import Foundation

/// The import-time check of an exercise: it parses, its SQL scripts build both datasets, its reference
/// runs on both within the limits, and its sample solution passes every check of its own exercise.
package struct PracticeContentCheck: PracticeContentValidator {
    let services: PracticeServices

    package init(services: PracticeServices) {
        self.services = services
    }

    package func issues(in document: JSONObject, path: String) async -> [ContentIssue] {
        let exercise: PracticeExercise
        do {
            exercise = try PracticeParser.parse(document, path: path)
        } catch {
            return error.issues
        }
        do {
            return try await run(exercise, path: path)
        } catch PracticeError.dialectUnavailable {
            return [ContentIssue(path: path + ".sql.dialect", message: "\"postgresql\" needs CAMPUS_PRACTICE_POSTGRES_URL; this Campus checks only \"sqlite\"")]
        } catch let failure as SQLScriptFailure {
            return [ContentIssue(path: "\(path).\(failure.part.field)", message: "does not run: " + failure.failure.text(onHiddenData: false).text(in: .en))]
        } catch {
            return [ContentIssue(path: path, message: "could not be checked now (the checker is busy or unavailable); try again")]
        }
    }

    private func run(_ exercise: PracticeExercise, path: String) async throws -> [ContentIssue] {
        switch exercise.task {
        case .sql(let task):
            let runner = try services.runner(task.dialect)
            try await runner.prepare(task)
            var issues: [ContentIssue] = []
            for dataset in SQLTask.Dataset.allCases {
                // Through the checker, so the results wait in its cache for the first submit.
                do {
                    _ = try await services.checker.reference(task, dataset, runner: runner)
                } catch let error as PracticeChecker.ReferenceFailure {
                    issues.append(ContentIssue(path: path + ".sql.reference",
                                               message: "fails on the \(dataset.rawValue) dataset: " + error.failure.text(onHiddenData: false).text(in: .en)))
                }
            }
            return issues
        case .json(let task):
            let failed = JSONExerciseCheck.run(task, on: task.sampleSolution).filter { !$0.passed }
            return failed.map { ContentIssue(path: path + ".json.sample_solution", message: "fails the check \($0.name.text(in: .en)): \($0.message.text(in: .en))") }
        case .api(let task):
            let outcome = APIExerciseCheck.run(task, requests: task.sampleSolution)
            return outcome.checks.filter { !$0.passed }.map {
                ContentIssue(path: path + ".api.sample_solution", message: "fails the check \"\($0.name.text(in: .en))\": \($0.message.text(in: .en))")
            }
        }
    }
}
