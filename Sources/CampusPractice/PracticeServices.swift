import CampusCore
import CampusPlatform
import Vapor

/// What the practice domain keeps for the life of the process: a query runner per SQL dialect, and
/// the per-learner limits.
package final class PracticeServices: Sendable {
    package let runners: [SQLTask.Dialect: any SQLDialectRunner]
    package let submitsPerMinute: Int
    package let runsPerMinute: Int
    package let references = ReferenceResults()

    package init(runners: [any SQLDialectRunner], submitsPerMinute: Int, runsPerMinute: Int) {
        self.runners = Dictionary(runners.map { ($0.dialect, $0) }, uniquingKeysWith: { first, _ in first })
        self.submitsPerMinute = submitsPerMinute
        self.runsPerMinute = runsPerMinute
    }

    package func runner(_ dialect: SQLTask.Dialect) throws -> any SQLDialectRunner {
        guard let runner = runners[dialect] else { throw PracticeError.dialectUnavailable }
        return runner
    }

    package var checker: PracticeChecker { PracticeChecker(services: self) }
}

extension Application {
    package var practice: PracticeServices {
        get { domainServices() }
        set { setDomainServices(newValue) }
    }
}

extension Request {
    package var practice: PracticeServices { application.practice }
}
