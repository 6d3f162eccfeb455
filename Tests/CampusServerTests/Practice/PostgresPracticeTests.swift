import CampusCore
import Foundation
import Logging
import NIOPosix
import Testing
@testable import CampusPractice
@testable import CampusServer

/// The `postgresql` dialect, when the test run has a practice database (scripts/with-postgres.sh makes one).
@Suite("PostgreSQL practice runner", .enabled(if: PracticeDatabase.url != nil))
struct PostgresPracticeTests {
    static var url: String? { PracticeDatabase.url }

    static let task = SQLTask(
        dialect: .postgresql,
        schema: "CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, since date); CREATE TABLE orders (id int PRIMARY KEY, customer_id int, total numeric(10,2));",
        visible: "INSERT INTO customers VALUES (1, 'Ann', '2026-01-02'), (2, 'Boris', NULL); INSERT INTO orders VALUES (10, 1, 5.50), (11, 1, 2), (12, 2, 7);",
        hidden: "INSERT INTO customers VALUES (7, 'Secret Vera', '2025-05-05'); INSERT INTO orders VALUES (70, 7, 1), (71, 7, 3);",
        reference: "SELECT c.name, SUM(o.total) AS total FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id, c.name",
        limits: SQLTask.Limits(timeMilliseconds: 300, rows: 100))

    func withRunner(_ body: (PostgresPracticeRunner) async throws -> Void) async throws {
        let runner = try PostgresPracticeRunner(url: try #require(Self.url), eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                                logger: Logger(label: "practice-test"))
        try await runner.prepare(Self.task)
        try await body(runner)
    }

    func outcome(_ runner: PostgresPracticeRunner, _ query: String, _ dataset: SQLTask.Dataset = .visible) async throws -> SQLRunOutcome {
        try await runner.run(query, task: Self.task, dataset: dataset, rowLimit: 100, truncate: false)
    }

    @Test("queries read the dataset's own schema and give typed values; an empty result still names its columns")
    func reads() async throws {
        try await withRunner { runner in
            let result = try await outcome(runner, "SELECT id, name, since FROM customers ORDER BY id")
            #expect(result == .rows(SQLResult(columns: ["id", "name", "since"], rows: [[.integer(1), .text("Ann"), .text("2026-01-02")],
                                                                                        [.integer(2), .text("Boris"), .null]]), truncated: false))
            let hidden = try await outcome(runner, Self.task.reference, .hidden)
            #expect(hidden == .rows(SQLResult(columns: ["name", "total"], rows: [[.text("Secret Vera"), .real(4)]]), truncated: false))
            let empty = try await outcome(runner, "SELECT name AS who, total FROM customers, orders WHERE false -- nothing;")
            #expect(empty == .rows(SQLResult(columns: ["who", "total"], rows: []), truncated: false))
        }
    }

    @Test("a learner's role writes nothing, reaches no other schema, and stops at the time limit")
    func escapes() async throws {
        try await withRunner { runner in
            let hiddenSchema = PostgresPracticeRunner.schemaName(Self.task, .hidden)
            let refused = [
                "INSERT INTO orders VALUES (99, 1, 1)",
                "UPDATE orders SET total = 0",
                "DELETE FROM orders",
                "DROP TABLE orders",
                "CREATE TABLE evil (a int)",
                "CREATE TEMP TABLE evil (a int)",
                "SELECT * FROM \(hiddenSchema).customers",
                "SELECT set_config('role', 'postgres', true), (SELECT count(*) FROM \(hiddenSchema).customers)",
                "SELECT pg_read_file('/etc/passwd')",
                "COPY orders TO '/tmp/campus-practice-copy'",
                "SELECT 1; DELETE FROM orders",
            ]
            for query in refused {
                let result = try await outcome(runner, query)
                guard case .failed = result else { Issue.record("\(query) → \(result)"); continue }
            }
            #expect(try await outcome(runner, "SELECT 1; SELECT 2") == .failed(.multipleStatements))
            #expect(try await outcome(runner, "SELECT pg_sleep(5)") == .failed(.timedOut(milliseconds: 300)))
            #expect(try await outcome(runner, "SELECT set_config('statement_timeout', '0', false), pg_sleep(5)") == .failed(.timedOut(milliseconds: 300)))
            #expect(try await outcome(runner, "SELECT count(*) FROM generate_series(1, 1000000000)") == .failed(.timedOut(milliseconds: 300)))
            #expect(try await outcome(runner, "SELECT generate_series(1, 1000)") == .failed(.tooManyRows(limit: 100)))
            #expect(!FileManager.default.fileExists(atPath: "/tmp/campus-practice-copy"))
            let rows = try await outcome(runner, "SELECT count(*) AS n FROM orders")
            #expect(rows == .rows(SQLResult(columns: ["n"], rows: [[.integer(3)]]), truncated: false))
        }
    }

    @Test("an exercise in the postgresql dialect is saved, checked and submitted through the API", arguments: [TestEngine.sqlite])
    func throughTheAPI(engine: TestEngine) async throws {
        try await withCampus(engine, configure: { $0.practicePostgresURL = Self.url }) { campus in
            var document = PracticeFixtures.sql(id: "practice:pg-fixture")
            if case .object(var sql)? = document["sql"] {
                sql["dialect"] = "postgresql"
                document["sql"] = .object(sql)
            }
            try await PracticeFixtures.load(into: campus, practices: [document])
            let student = try await campus.user()
            #expect(try await campus.request(.POST, "/api/v1/courses/fixture/enrollment", token: student.token).status == .created)
            let path = "/api/v1/practices/practice:pg-fixture"
            let shown = try await campus.request(.GET, path, token: student.token)
            #expect(shown.status == .ok && shown.body.string.contains("Boris") && !shown.body.string.contains("Secret"))
            let tuned = try await campus.request(.POST, path + "/submit", json: ["query": "SELECT 'Ann' AS name, 2 AS orders"], token: student.token)
            #expect(tuned.jsonObject["passed"] as? Bool == false)
            let right = try await campus.request(.POST, path + "/submit", json: ["query": PracticeFixtures.reference], token: student.token)
            #expect(right.jsonObject["passed"] as? Bool == true, "\(right.body.string)")
        }
    }
}

enum PracticeDatabase {
    static let url = ProcessInfo.processInfo.environment["CAMPUS_TEST_PRACTICE_POSTGRES_URL"]
}
