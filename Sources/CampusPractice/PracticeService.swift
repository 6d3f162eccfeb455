import CampusAccounts
import CampusCatalog
import CampusCore
import CampusPlatform
import FluentKit
import Foundation

/// A learner and one exercise: reading it, trying a query or requests, submitting for a verdict, and
/// the attempts so far.
package struct PracticeService: Sendable {
    let platform: PlatformServices
    let practice: PracticeServices
    let database: any Database
    let learners: any LearnerRecords

    package init(platform: PlatformServices, practice: PracticeServices, database: any Database, learners: any LearnerRecords) {
        self.platform = platform
        self.practice = practice
        self.database = database
        self.learners = learners
    }

    var library: PracticeLibrary { PracticeLibrary(content: platform.content, derived: platform.derived) }
    var store: PracticeAttemptStore { PracticeAttemptStore(database: database) }
    /// Rows of each visible table shown with the statement.
    static let tableRowsShown = 50
    /// Rows a run shows.
    static let runRowsShown = 100

    package func show(_ id: String, caller: AuthContext, language: PracticeLanguage) async throws -> PracticeDTO {
        let exercise = try await readable(id, caller: caller)
        let standing = try await store.standing(userID: caller.userID, practiceID: id)
        var dto = PracticeDTO(
            id: id, kind: exercise.kind.rawValue, language: language.rawValue, title: exercise.title.text(in: language),
            statementMDX: exercise.statement.text(in: language), courseID: exercise.courseID, lessonID: exercise.lessonID,
            required: exercise.required, points: exercise.points, maxAttempts: exercise.maxAttempts == 0 ? nil : exercise.maxAttempts,
            editor: .init(language: exercise.editor.language, starter: exercise.editor.starter),
            standing: .init(attempts: standing.count, attemptsLeft: Self.left(exercise, used: standing.count), passed: standing.passed,
                            bestScore: standing.bestScore))
        switch exercise.task {
        case .sql(let task):
            dto.sql = .init(dialect: task.dialect.rawValue, schema: task.schema, tables: try await tables(task),
                            orderMatters: task.compare.orderMatters, columnNames: task.compare.columnNames,
                            timeMS: task.limits.timeMilliseconds, rowLimit: task.limits.rows)
        case .json(let task):
            dto.json = .init(ruleCount: task.rules.count, hasSchema: task.schema != nil)
        case .api(let task):
            dto.api = .init(baseURL: task.baseURL, routes: task.routes.map { .init(method: $0.method, path: $0.path) }, maxRequests: task.maxRequests)
        }
        return dto
    }

    package func run(_ id: String, submission: PracticeChecker.Submission, caller: AuthContext, language: PracticeLanguage) async throws -> PracticeRunDTO {
        let exercise = try await readable(id, caller: caller)
        if let wait = try await platform.rateLimiter.hit("practice-run:\(caller.userID.wireString)", limit: practice.runsPerMinute) {
            throw PracticeError.rateLimited(retryAfter: wait)
        }
        let started = DispatchTime.now()
        switch (exercise.task, submission) {
        case (.sql(let task), .query(let query)):
            let runner = try practice.runner(task.dialect)
            switch try await runner.run(query, task: task, dataset: .visible, rowLimit: Self.runRowsShown, truncate: true) {
            case .rows(let result, let truncated):
                return PracticeRunDTO(columns: result.columns, rows: result.rows.map { $0.map(\.json) }, truncated: truncated,
                                      durationMS: Self.milliseconds(since: started))
            case .failed(let failure):
                return PracticeRunDTO(error: failure.text(onHiddenData: false).text(in: language), durationMS: Self.milliseconds(since: started))
            }
        case (.api(let task), .requests(let requests)):
            let exchanges = APIExerciseCheck.exchanges(task, requests: requests)
            return PracticeRunDTO(exchanges: exchanges.map(ExchangeDTO.init), durationMS: Self.milliseconds(since: started))
        default:
            throw PracticeError.runNotAvailable
        }
    }

    package func submit(_ id: String, submission: PracticeChecker.Submission, submissionJSON: JSONValue, caller: AuthContext,
                        language: PracticeLanguage) async throws -> PracticeVerdictDTO {
        let exercise = try await readable(id, caller: caller)
        if let wait = try await platform.rateLimiter.hit("practice-submit:\(caller.userID.wireString)", limit: practice.submitsPerMinute) {
            throw PracticeError.rateLimited(retryAfter: wait)
        }
        var lastNumber = try await store.lastNumber(userID: caller.userID, practiceID: id)
        if exercise.maxAttempts > 0 && lastNumber >= exercise.maxAttempts { throw PracticeError.attemptsExhausted(maximum: exercise.maxAttempts) }

        let started = DispatchTime.now()
        let verdict = try await practice.checker.check(exercise, submission)
        let duration = Self.milliseconds(since: started)
        let passedChecks = verdict.checks.filter(\.passed).count
        let score = verdict.passed ? exercise.points : exercise.points * passedChecks / max(1, verdict.checks.count)
        let now = platform.clock.now()
        let attemptID = UUID.v7()
        let detailsRef = "attempt:" + attemptID.wireString
        try await platform.content.upsert(ContentCollection.attemptDetails, id: detailsRef, document: [
            "kind": "practice", "practice_id": .string(id), "user_id": .string(caller.userID.wireString),
            "submission": submissionJSON, "duration_ms": .int(Int64(duration)),
            "checks": .array(verdict.checks.map(Self.json)),
            "exchanges": .array(verdict.exchanges.map { exchange in
                .object(["method": .string(exchange.request.method), "path": .string(exchange.request.path),
                         "status": .int(Int64(exchange.response.status)), "route": exchange.route.map(JSONValue.string) ?? .null])
            }),
        ])
        var attempt = PracticeAttempt(id: attemptID, userID: caller.userID, practiceID: id, courseContentID: exercise.courseID,
                                      attemptNo: lastNumber + 1, submittedAt: now, passed: verdict.passed, score: score,
                                      maxScore: exercise.points, durationMilliseconds: duration, detailsRef: detailsRef)
        var recorded = false
        for _ in 0..<5 where !recorded {
            do {
                try await store.insert(attempt)
                recorded = true
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A concurrent submit took the number: take the next one, within the exercise's limit.
                lastNumber = try await store.lastNumber(userID: caller.userID, practiceID: id)
                attempt.attemptNo = lastNumber + 1
                if exercise.maxAttempts > 0 && attempt.attemptNo > exercise.maxAttempts {
                    try? await platform.content.delete(ContentCollection.attemptDetails, id: detailsRef)
                    throw PracticeError.attemptsExhausted(maximum: exercise.maxAttempts)
                }
            }
        }
        guard recorded else { throw PracticeError.attemptBusy }
        let awarded = verdict.passed
            ? await platform.activity.record(.init(.practicePassed, userID: caller.userID, reference: id, points: exercise.points), on: database)
            : []
        return PracticeVerdictDTO(
            attemptID: attemptID.wireString, attemptNo: attempt.attemptNo, practiceID: id, passed: verdict.passed, score: score,
            maxScore: exercise.points,
            checks: verdict.checks.map { .init(name: $0.name.text(in: language), passed: $0.passed, message: $0.message.text(in: language)) },
            exchanges: exercise.kind == .api ? verdict.exchanges.map(ExchangeDTO.init) : nil,
            durationMS: duration, submittedAt: now, attemptsLeft: Self.left(exercise, used: attempt.attemptNo), language: language.rawValue,
            awarded: awarded)
    }

    package func attempts(caller: AuthContext, practiceID: String?, before: UUID?, limit: Int) async throws -> [PracticeAttempt] {
        try await store.list(userID: caller.userID, practiceID: practiceID, before: before, limit: limit)
    }

    private func readable(_ id: String, caller: AuthContext) async throws -> PracticeExercise {
        let exercise = try await library.exercise(id)
        try await PracticeAccess(database: database, learners: learners).requireReadable(exercise, caller: caller)
        return exercise
    }

    private func tables(_ task: SQLTask) async throws -> [PracticeDTO.TableDTO] {
        let runner = try practice.runner(task.dialect)
        let listing = task.dialect == .sqlite
            ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
        guard case .rows(let names, _) = try await runner.run(listing, task: task, dataset: .visible, rowLimit: 100, truncate: true) else { return [] }
        var tables: [PracticeDTO.TableDTO] = []
        for case .text(let name)? in names.rows.map(\.first) {
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            if case .rows(let result, let truncated) = try await runner.run("SELECT * FROM \(quoted)", task: task, dataset: .visible,
                                                                            rowLimit: Self.tableRowsShown, truncate: true) {
                tables.append(.init(name: name, columns: result.columns, rows: result.rows.map { $0.map(\.json) }, truncated: truncated))
            }
        }
        return tables
    }

    static func left(_ exercise: PracticeExercise, used: Int) -> Int? {
        exercise.maxAttempts == 0 ? nil : max(0, exercise.maxAttempts - used)
    }

    static func milliseconds(since start: DispatchTime) -> Int {
        Int((DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000)
    }

    static func json(_ check: PracticeCheckResult) -> JSONValue {
        func text(_ value: LocalizedText) -> JSONValue {
            .object(["en": value.en.map(JSONValue.string) ?? .null, "ru": value.ru.map(JSONValue.string) ?? .null])
        }
        return .object(["name": text(check.name), "passed": .bool(check.passed), "message": text(check.message)])
    }
}
