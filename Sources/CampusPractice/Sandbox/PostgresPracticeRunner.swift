import CampusCore
import Crypto
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// Runs exercises in the `postgresql` dialect on a database given over to practice
/// (`CAMPUS_PRACTICE_POSTGRES_URL`), never Campus's own. Each dataset of each exercise version gets a
/// schema of its own and a login role that can read only that schema; a learner's query runs as that
/// role, in a read-only transaction with a statement timeout, on a connection opened for the check and
/// closed after it, so nothing it does outlives it.
package final class PostgresPracticeRunner: SQLDialectRunner {
    private let admin: PostgresConnection.Configuration
    private let secret: SymmetricKey
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let prepared = NIOLockedValueBox<Set<String>>([])
    private let running = NIOLockedValueBox(0)
    /// Checks connected at once; past this a learner is asked to retry.
    package let concurrentChecks: Int
    private let connectionIDs = ManagedAtomicCounter()

    package init(url: String, eventLoopGroup: any EventLoopGroup, logger: Logger, concurrentChecks: Int = 8) throws {
        guard let components = URLComponents(string: url), let host = components.host, let user = components.user else {
            throw PracticeConfigurationError(message: "CAMPUS_PRACTICE_POSTGRES_URL is not a postgres://user@host/database URL")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value
        admin = PostgresConnection.Configuration(host: host, port: components.port ?? 5432, username: user, password: components.password,
                                                 database: database, tls: sslmode == "require" ? .require(try .init(configuration: .makeClientConfiguration())) : .disable)
        // Role passwords derive from the URL, so every instance given the same URL can log in as the roles any of them made.
        secret = SymmetricKey(data: SHA256.hash(data: Data(("campus-practice-roles\u{0}" + url).utf8)))
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
        self.concurrentChecks = concurrentChecks
    }

    package var dialect: SQLTask.Dialect { .postgresql }

    static func schemaName(_ task: SQLTask, _ dataset: SQLTask.Dataset) -> String {
        "campus_p_" + ExerciseVersion.key(task, dataset).prefix(16) + (dataset == .visible ? "_v" : "_h")
    }

    func password(for role: String) -> String {
        HMAC<SHA256>.authenticationCode(for: Data(role.utf8), using: secret).map { String(format: "%02x", $0) }.joined()
    }

    package func prepare(_ task: SQLTask) async throws {
        for dataset in SQLTask.Dataset.allCases { try await prepare(task, dataset) }
    }

    private func prepare(_ task: SQLTask, _ dataset: SQLTask.Dataset) async throws {
        let schema = Self.schemaName(task, dataset)
        if prepared.withLockedValue({ $0.contains(schema) }) { return }
        let connection = try await PostgresConnection.connect(on: eventLoopGroup.any(), configuration: admin, id: connectionIDs.next(), logger: logger)
        defer { Task { try? await connection.close() } }
        let password = password(for: schema)
        let timeout = task.limits.timeMilliseconds * 5
        // Learners' roles get nothing from PUBLIC: no temporary tables, no objects in `public`. Only the
        // database's owner may say so; a practice database owned by another role keeps its own rules.
        _ = try? await execute("""
            DO $campus$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $campus$;
            REVOKE ALL ON SCHEMA public FROM PUBLIC
            """, on: connection)
        // One transaction, under a lock on the schema's name: instances preparing the same exercise at
        // once make it once, and a failed script leaves nothing behind.
        _ = try await connection.simpleQuery("BEGIN").get()
        do {
            _ = try await connection.simpleQuery("SELECT pg_advisory_xact_lock(hashtext('\(schema)'))").get()
            let exists = try await connection.simpleQuery("SELECT 1 FROM pg_namespace WHERE nspname = '\(schema)'").get()
            if exists.isEmpty {
                try await execute("CREATE SCHEMA \(schema); SET LOCAL search_path TO \(schema); SET LOCAL statement_timeout = \(timeout)", on: connection)
                for (part, script) in [(SQLScriptFailure.Part.schema, task.schema), (.dataset(dataset), task.script(for: dataset))] {
                    do {
                        try await execute(script, on: connection)
                    } catch let error as PSQLError {
                        throw SQLScriptFailure(part: part, failure: .error(error.serverInfo?[.message] ?? "the script failed"))
                    }
                }
                try await execute("""
                    DO $campus$ BEGIN
                      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(schema)') THEN
                        CREATE ROLE \(schema) LOGIN NOINHERIT NOCREATEDB NOCREATEROLE CONNECTION LIMIT 32 PASSWORD '\(password)';
                      END IF;
                    END $campus$;
                    GRANT USAGE ON SCHEMA \(schema) TO \(schema);
                    GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(schema);
                    ALTER ROLE \(schema) SET search_path TO \(schema);
                    ALTER ROLE \(schema) SET default_transaction_read_only TO on;
                    """, on: connection)
            }
            _ = try await connection.simpleQuery("COMMIT").get()
        } catch {
            _ = try? await connection.simpleQuery("ROLLBACK").get()
            throw error
        }
        prepared.withLockedValue { _ = $0.insert(schema) }
    }

    package func run(_ query: String, task: SQLTask, dataset: SQLTask.Dataset, rowLimit: Int, truncate: Bool) async throws -> SQLRunOutcome {
        guard !query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return .failed(.empty) }
        guard query.utf8.count <= 64 * 1024 else { return .failed(.tooLong(limit: 64 * 1024)) }
        try await prepare(task, dataset)
        let admitted = running.withLockedValue { count -> Bool in
            guard count < concurrentChecks * 8 else { return false }
            count += 1
            return true
        }
        guard admitted else { throw PracticeError.sandboxBusy }
        defer { running.withLockedValue { $0 -= 1 } }

        let role = Self.schemaName(task, dataset)
        var configuration = admin
        configuration.username = role
        configuration.password = password(for: role)
        let connection = try await PostgresConnection.connect(on: eventLoopGroup.any(), configuration: configuration, id: connectionIDs.next(), logger: logger)
        defer { Task { try? await connection.close() } }
        let milliseconds = task.limits.timeMilliseconds
        do {
            try await execute("BEGIN READ ONLY; SET LOCAL search_path TO \(role); SET LOCAL statement_timeout = \(milliseconds); SET LOCAL work_mem = '8MB'",
                              on: connection)
            let rows = try await connection.query(PostgresQuery(unsafeSQL: query), logger: logger)
            var columns: [String]?
            var result: [[SQLValue]] = []
            var bytes = 0
            for try await row in rows {
                if columns == nil { columns = row.map(\.columnName) }
                if result.count == rowLimit {
                    if truncate { return .rows(SQLResult(columns: columns ?? [], rows: result), truncated: true) }
                    return .failed(.tooManyRows(limit: rowLimit))
                }
                var values: [SQLValue] = []
                for cell in row {
                    let value = Self.value(cell)
                    if case .text(let text) = value { bytes += text.utf8.count }
                    values.append(value)
                }
                if bytes > 8 * 1024 * 1024 { return .failed(.tooLarge) }
                result.append(values)
            }
            if columns == nil { columns = try await emptyResultColumns(query, on: connection) }
            return .rows(SQLResult(columns: columns ?? [], rows: result), truncated: false)
        } catch let error as PSQLError {
            return .failed(Self.failure(error, milliseconds: milliseconds))
        }
    }

    /// The driver sends one statement at a time (extended protocol), which is also what keeps a learner's
    /// query to one statement; scripts are split first.
    private func execute(_ script: String, on connection: PostgresConnection) async throws {
        for statement in SQLScript.statements(script) {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// The driver names a result's columns only through its rows, so an empty result is asked again as
    /// one row of NULLs: the learner's query outer-joined to nothing. (Line breaks end a trailing comment.)
    func emptyResultColumns(_ query: String, on connection: PostgresConnection) async throws -> [String] {
        var body = query.trimmingCharacters(in: .whitespacesAndNewlines)
        while body.hasSuffix(";") { body = String(body.dropLast()).trimmingCharacters(in: .whitespacesAndNewlines) }
        let wrapped = "SELECT campus_q.* FROM (\n\(body)\n) AS campus_q RIGHT JOIN (SELECT 1 AS campus_one) AS campus_one ON false"
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: wrapped), logger: logger) {
            return row.map(\.columnName)
        }
        return []
    }

    /// Cells as the comparison sees them: integers, reals (numeric too), text for everything else in
    /// PostgreSQL's own text form where the driver has one.
    static func value(_ cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            if let number = try? cell.decode(Int64.self) { return .integer(number) }
        case .float4, .float8:
            if let number = try? cell.decode(Double.self) { return .real(number) }
        case .numeric:
            if let number = try? cell.decode(Decimal.self) { return .real(NSDecimalNumber(decimal: number).doubleValue) }
        case .bool:
            if let flag = try? cell.decode(Bool.self) { return .integer(flag ? 1 : 0) }
        case .date, .timestamp, .timestamptz:
            if let date = try? cell.decode(Date.self) {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = cell.dataType == .date ? [.withFullDate] : [.withInternetDateTime, .withFractionalSeconds]
                return .text(formatter.string(from: date))
            }
        default:
            break
        }
        if let text = try? cell.decode(String.self) { return .text(text) }
        return .text(cell.bytes.map { Data(buffer: $0).base64EncodedString() } ?? "")
    }

    static func failure(_ error: PSQLError, milliseconds: Int) -> SQLRunFailure {
        let message = error.serverInfo?[.message] ?? "the query could not be run"
        switch error.serverInfo?[.sqlState] {
        case "57014": return .timedOut(milliseconds: milliseconds)
        case "42501": return .notAllowed("reading outside the exercise's tables")
        case "25006": return .notAllowed("writing")
        case "54000", "53200", "53100": return .tooLarge
        case "42601" where message.contains("multiple commands"): return .multipleStatements
        default: return .error(message)
        }
    }
}

/// A bad `CAMPUS_PRACTICE_POSTGRES_URL`, reported at start.
package struct PracticeConfigurationError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

/// Connection ids for the driver's logs.
final class ManagedAtomicCounter: Sendable {
    private let value = NIOLockedValueBox(0)
    func next() -> Int { value.withLockedValue { $0 += 1; return $0 } }
}
