import CampusCore
import Foundation
import Testing
@testable import CampusPractice

/// The SQLite sandbox on its own: whatever a learner sends, it reads only, stops within its limits,
/// and leaves the exercise's data as it was.
@Suite("SQLite practice sandbox")
struct PracticeSandboxTests {
    static let task = SQLTask(
        schema: """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), total REAL);
            """,
        visible: "INSERT INTO customers VALUES (1, 'Ann'), (2, 'Boris'); INSERT INTO orders VALUES (10, 1, 5.5), (11, 1, 2), (12, 2, 7);",
        hidden: "INSERT INTO customers VALUES (7, 'Vera'); INSERT INTO orders VALUES (70, 7, 1), (71, NULL, 3);",
        reference: "SELECT c.name, SUM(o.total) AS total FROM customers c JOIN orders o ON o.customer_id = c.id GROUP BY c.id",
        limits: SQLTask.Limits(timeMilliseconds: 300, rows: 100))

    static let everything = "SELECT (SELECT group_concat(id || name) FROM customers) AS c, (SELECT group_concat(id || ':' || total) FROM orders) AS o"

    func withSandbox(queueLimit: Int = 256, _ body: (SQLiteSandbox) async throws -> Void) async throws {
        let sandbox = SQLiteSandbox(threads: 1, queueLimit: queueLimit)
        do { try await body(sandbox) } catch { await sandbox.shutdown(); throw error }
        await sandbox.shutdown()
    }

    func failure(_ sandbox: SQLiteSandbox, _ query: String, dataset: SQLTask.Dataset = .visible, task: SQLTask = task) async throws -> SQLRunFailure? {
        if case .failed(let failure) = try await sandbox.run(query, task: task, dataset: dataset, rowLimit: task.limits.rows, truncate: false) {
            return failure
        }
        return nil
    }

    @Test("statements that write or reach outside are refused by name, and the data stays as it was")
    func escapes() async throws {
        try await withSandbox { sandbox in
            let before = try await sandbox.run(Self.everything, task: Self.task, dataset: .visible, rowLimit: 10, truncate: false)
            let refused: [(String, SQLRunFailure)] = [
                ("ATTACH DATABASE '/tmp/campus-sandbox-escape.db' AS x", .notAllowed("ATTACH")),
                ("DETACH DATABASE main", .notAllowed("DETACH")),
                ("PRAGMA writable_schema = ON", .notAllowed("PRAGMA")),
                ("PRAGMA table_info(orders)", .notAllowed("PRAGMA")),
                ("SELECT load_extension('/usr/lib/x86_64-linux-gnu/libsqlite3.so.0')", .notAllowed("the function load_extension")),
                ("INSERT INTO orders VALUES (99, 1, 1)", .notAllowed("INSERT")),
                ("UPDATE orders SET total = 0", .notAllowed("UPDATE")),
                ("DELETE FROM orders", .notAllowed("DELETE")),
                ("CREATE TABLE evil (a)", .notAllowed("CREATE TABLE")),
                ("CREATE TEMP TABLE evil (a)", .notAllowed("CREATE TABLE")),
                ("CREATE VIEW v AS SELECT 1", .notAllowed("CREATE VIEW")),
                ("DROP TABLE orders", .notAllowed("DROP TABLE")),
                ("ALTER TABLE orders ADD COLUMN x", .notAllowed("ALTER TABLE")),
                ("BEGIN", .notAllowed("a transaction")),
                ("SAVEPOINT a", .notAllowed("SAVEPOINT")),
                ("ANALYZE", .notAllowed("ANALYZE")),
                ("REINDEX", .notAllowed("a statement without a result")),
                ("SELECT 1; DROP TABLE orders", .multipleStatements),
                ("SELECT 1; SELECT 2", .multipleStatements),
                ("", .empty),
                ("  -- only a comment", .empty),
            ]
            for (query, expected) in refused {
                let got = try await failure(sandbox, query)
                #expect(got == expected, "\(query) → \(String(describing: got))")
            }
            // VACUUM is refused too (it is not a reading statement), and writes no file.
            let vacuum = try await failure(sandbox, "VACUUM INTO '/tmp/campus-sandbox-escape.db'")
            #expect(vacuum != nil)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/campus-sandbox-escape.db"))
            let after = try await sandbox.run(Self.everything, task: Self.task, dataset: .visible, rowLimit: 10, truncate: false)
            #expect(before == after)
        }
    }

    @Test("runaway queries stop at the time limit with a verdict, and huge values and results are refused")
    func exhaustion() async throws {
        try await withSandbox { sandbox in
            let recursive = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
            #expect(try await failure(sandbox, recursive) == .timedOut(milliseconds: 300))
            let cross = "SELECT count(*) FROM orders a, orders b, orders c, orders d, orders e, orders f, orders g, orders h, orders i, orders j, orders k, orders l, orders m, orders n, orders o, orders p, orders q, orders r, orders s, orders t"
            #expect(try await failure(sandbox, cross) == .timedOut(milliseconds: 300))
            let sortedCross = "SELECT a.id FROM orders a, orders b, orders c, orders d, orders e, orders f, orders g, orders h, orders i, orders j, orders k, orders l, orders m ORDER BY random()"
            #expect(try await failure(sandbox, sortedCross) == .timedOut(milliseconds: 300))
            #expect(try await failure(sandbox, "SELECT randomblob(1000000000)") == .tooLarge)
            #expect(try await failure(sandbox, "SELECT zeroblob(1000000000)") == .tooLarge)
            // SQLite caps printf's own output; whatever it answers stays under the value limit.
            let printed = try await sandbox.run("SELECT length(printf('%.*c', 1000000000, 'x'))", task: Self.task, dataset: .visible,
                                                rowLimit: 1, truncate: false)
            if case .rows(let result, _) = printed, let value = result.rows.first?.first {
                if case .integer(let length) = value { #expect(length <= Int64(sandbox.limits.valueBytes)) } else { #expect(value == .null) }
            } else {
                #expect(printed == .failed(.tooLarge))
            }
            let megabyte = "SELECT 1 WHERE 1 = 1" + String(repeating: " AND 1 = 1", count: 100_000)
            #expect(megabyte.utf8.count > 1_000_000)
            #expect(try await failure(sandbox, megabyte) == .tooLong(limit: sandbox.limits.queryBytes))
            let rows = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 1000) SELECT n FROM r"
            #expect(try await failure(sandbox, rows) == .tooManyRows(limit: 100))
            let shown = try await sandbox.run(rows, task: Self.task, dataset: .visible, rowLimit: 100, truncate: true)
            guard case .rows(let result, let truncated) = shown else { Issue.record("expected rows"); return }
            #expect(result.rows.count == 100 && truncated)
            // Still answering afterwards.
            #expect(try await failure(sandbox, "SELECT name FROM customers") == nil)
        }
    }

    @Test("syntax errors are the engine's words on the visible data and say nothing of the hidden rows")
    func errors() async throws {
        try await withSandbox { sandbox in
            let visible = try #require(try await failure(sandbox, "SELEC name FROM customers"))
            #expect(visible.text(onHiddenData: false).text(in: .en).contains("syntax error"))
            let hidden = try #require(try await failure(sandbox, "SELECT nope FROM customers", dataset: .hidden))
            #expect(!hidden.text(onHiddenData: true).text(in: .en).contains("nope"))
        }
    }

    @Test("an author's script cannot attach files either")
    func authorScripts() async throws {
        try await withSandbox { sandbox in
            var task = Self.task
            task.schema = "ATTACH DATABASE '/tmp/campus-author-escape.db' AS x; CREATE TABLE x.t (a);"
            await #expect(throws: SQLScriptFailure.self) { try await sandbox.prepare(task) }
            #expect(!FileManager.default.fileExists(atPath: "/tmp/campus-author-escape.db"))
            task.schema = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE orders (id, customer_id, total);"
            task.hidden = "INSERT INTO nowhere VALUES (1);"
            do {
                try await sandbox.prepare(task)
                Issue.record("a broken dataset was accepted")
            } catch let failure as SQLScriptFailure {
                #expect(failure.part == .dataset(.hidden))
            }
        }
    }

    /// A small deterministic generator: the same queries on every run, so a failure can be replayed.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func generatedQuery(_ random: inout Generator) -> String {
        let tables = ["customers", "orders", "sqlite_schema", "temp.sqlite_master", "main.orders"]
        let table = tables.randomElement(using: &random)!
        let statements = [
            "SELECT * FROM \(table)",
            "INSERT INTO \(table) DEFAULT VALUES",
            "INSERT INTO \(table) SELECT * FROM \(table)",
            "UPDATE \(table) SET id = id + 1",
            "DELETE FROM \(table)",
            "DROP TABLE \(table)",
            "CREATE TABLE IF NOT EXISTS \(table)_copy AS SELECT * FROM \(table)",
            "CREATE INDEX i ON \(table)(id)",
            "PRAGMA \(["journal_mode = OFF", "writable_schema = 1", "foreign_keys = 0", "user_version = 7"].randomElement(using: &random)!)",
            "REPLACE INTO \(table)(id) VALUES (1)",
            "WITH x AS (DELETE FROM \(table) RETURNING *) SELECT * FROM x",
            "INSERT INTO \(table)(id) VALUES (5) RETURNING id",
            "SELECT * FROM \(table); DELETE FROM \(table)",
            "ATTACH ':memory:' AS m",
            "VACUUM",
            "REINDEX \(table)",
            "ALTER TABLE \(table) RENAME TO gone",
            "BEGIN IMMEDIATE",
            "COMMIT",
            "SELECT writefile('/tmp/x', 'y')",
            "SELECT count(*) FROM \(table) WHERE id > \(Int.random(in: -5...20, using: &random))",
        ]
        return statements.randomElement(using: &random)!
    }

    @Test("generated statements never change the image the sandbox checks against")
    func neverChangesTheImage() async throws {
        try await withSandbox { sandbox in
            var random = Generator(state: 20_261_203)
            let baseline = try await sandbox.run(Self.everything, task: Self.task, dataset: .visible, rowLimit: 10, truncate: false)
            let hiddenBaseline = try await sandbox.run(Self.everything, task: Self.task, dataset: .hidden, rowLimit: 10, truncate: false)
            for _ in 0..<300 {
                let query = Self.generatedQuery(&random)
                let dataset: SQLTask.Dataset = Bool.random(using: &random) ? .visible : .hidden
                _ = try await sandbox.run(query, task: Self.task, dataset: dataset, rowLimit: 100, truncate: false)
                let now = try await sandbox.run(Self.everything, task: Self.task, dataset: dataset, rowLimit: 10, truncate: false)
                #expect(now == (dataset == .visible ? baseline : hiddenBaseline), "after \(query)")
            }
        }
    }

    @Test("checks past the queue limit are refused at once instead of waiting without end")
    func queueLimit() async throws {
        try await withSandbox(queueLimit: 1) { sandbox in
            let slow = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"
            try await sandbox.prepare(Self.task)
            let first = Task { try await sandbox.run(slow, task: Self.task, dataset: .visible, rowLimit: 1, truncate: false) }
            while sandbox.queued == 0 { await Task.yield() }
            await #expect(throws: PracticeError.sandboxBusy) {
                try await sandbox.run("SELECT 1", task: Self.task, dataset: .visible, rowLimit: 1, truncate: false)
            }
            #expect(try await first.value == .failed(.timedOut(milliseconds: 300)))
        }
    }
}
