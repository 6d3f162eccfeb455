import CampusCore

/// Runs learners' and authors' queries for one SQL dialect.
package protocol SQLDialectRunner: Sendable {
    var dialect: SQLTask.Dialect { get }
    /// Makes the exercise's datasets ready; throws `SQLScriptFailure` when the author's scripts fail.
    func prepare(_ task: SQLTask) async throws
    /// One query on one dataset. `truncate` returns the first `rowLimit` rows instead of failing past them.
    func run(_ query: String, task: SQLTask, dataset: SQLTask.Dataset, rowLimit: Int, truncate: Bool) async throws -> SQLRunOutcome
}

package enum SQLRunOutcome: Sendable, Equatable {
    case rows(SQLResult, truncated: Bool)
    case failed(SQLRunFailure)
}

/// An author's schema or dataset script that does not run.
package struct SQLScriptFailure: Error, Sendable {
    package enum Part: Sendable, Equatable {
        case schema
        case dataset(SQLTask.Dataset)

        package var field: String {
            switch self {
            case .schema: "sql.schema"
            case .dataset(let dataset): "sql.datasets.\(dataset.rawValue)"
            }
        }
    }

    package var part: Part
    package var failure: SQLRunFailure
}
