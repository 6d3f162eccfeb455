import CSQLite3
import CampusCore
import Foundation

/// One throw-away in-memory database opened from an exercise's image, used for one query and closed.
/// Everything here blocks: it runs on the sandbox's own threads, never on an event loop.
struct SQLiteCheckConnection: ~Copyable {
    private let handle: OpaquePointer
    private let authorizer: UnsafeMutablePointer<SQLiteAuthorizer>
    private let deadline: UnsafeMutablePointer<UInt64>
    private let limits: SQLiteSandboxLimits

    /// A writable empty database, for building an image from an author's scripts.
    static func empty(limits: SQLiteSandboxLimits) throws(SQLRunFailure) -> SQLiteCheckConnection {
        try SQLiteCheckConnection(image: nil, mode: .author, limits: limits)
    }

    /// The image, read-only, under the learner's authorizer.
    static func reading(_ image: [UInt8], limits: SQLiteSandboxLimits) throws(SQLRunFailure) -> SQLiteCheckConnection {
        try SQLiteCheckConnection(image: image, mode: .learner, limits: limits)
    }

    private init(image: [UInt8]?, mode: SQLiteAuthorizer.Mode, limits: SQLiteSandboxLimits) throws(SQLRunFailure) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(":memory:", &db, flags, nil) == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw .error("the sandbox could not open a database")
        }
        if let image {
            guard let buffer = sqlite3_malloc64(UInt64(max(image.count, 1))) else {
                sqlite3_close_v2(db)
                throw .tooLarge
            }
            image.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: image.count) }
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
            guard sqlite3_deserialize(db, "main", buffer.assumingMemoryBound(to: UInt8.self), Int64(image.count), Int64(image.count), flags) == SQLITE_OK else {
                sqlite3_close_v2(db)
                throw .error("the sandbox could not load the exercise's data")
            }
        }
        // Sorts and temporary b-trees stay in memory, under the process-wide heap limit, never in files.
        sqlite3_exec(db, "PRAGMA temp_store = MEMORY", nil, nil, nil)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, limits.valueBytes)
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, Int32(limits.queryBytes))
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 200)
        sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 100)
        sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 64)
        sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000)
        sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10)
        self.handle = db
        self.limits = limits
        self.authorizer = .allocate(capacity: 1)
        authorizer.initialize(to: SQLiteAuthorizer(mode: mode))
        self.deadline = .allocate(capacity: 1)
        deadline.initialize(to: .max)
        sqlite3_set_authorizer(db, SQLiteAuthorizer.callback, authorizer)
        sqlite3_progress_handler(db, limits.progressInterval, { context in
            guard let deadline = context?.assumingMemoryBound(to: UInt64.self) else { return 1 }
            return DispatchTime.now().uptimeNanoseconds > deadline.pointee ? 1 : 0
        }, deadline)
    }

    deinit {
        sqlite3_close_v2(handle)
        authorizer.deinitialize(count: 1)
        authorizer.deallocate()
        deadline.deallocate()
    }

    private func startClock(_ milliseconds: Int) {
        deadline.pointee = DispatchTime.now().uptimeNanoseconds + UInt64(milliseconds) * 1_000_000
    }

    private var timedOut: Bool { DispatchTime.now().uptimeNanoseconds > deadline.pointee }

    private var message: String { String(cString: sqlite3_errmsg(handle)) }

    /// Runs an author's script (any number of statements) within the time limit.
    func execute(script: String, milliseconds: Int) throws(SQLRunFailure) {
        startClock(milliseconds)
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, script, nil, nil, &error)
        let text = error.map { String(cString: $0) } ?? message
        sqlite3_free(error)
        guard code == SQLITE_OK else { throw failure(code, text, milliseconds: milliseconds) }
    }

    /// The database as bytes, to open again for every check.
    func serialize() throws(SQLRunFailure) -> [UInt8] {
        var size: Int64 = 0
        guard let bytes = sqlite3_serialize(handle, "main", &size, 0) else { throw .error("the sandbox could not save the exercise's data") }
        defer { sqlite3_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(size)))
    }

    /// One reading statement: its columns and up to `rowLimit` rows; `truncate` stops quietly at the
    /// limit instead of failing.
    func query(_ sql: String, milliseconds: Int, rowLimit: Int, truncate: Bool) throws(SQLRunFailure) -> (SQLResult, truncated: Bool) {
        guard sql.utf8.count <= limits.queryBytes else { throw .tooLong(limit: limits.queryBytes) }
        startClock(milliseconds)
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let prepared: Int32 = sql.withCString { text in
            let code = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
            guard code == SQLITE_OK, statement != nil, let rest = tail, rest.pointee != 0 else { return code }
            // Whatever follows must be only spaces and comments: a second statement is refused.
            var next: OpaquePointer?
            let nextCode = sqlite3_prepare_v2(handle, rest, -1, &next, nil)
            if next != nil || nextCode != SQLITE_OK {
                sqlite3_finalize(next)
                return SQLITE_MISUSE
            }
            return code
        }
        defer { sqlite3_finalize(statement) }
        if prepared == SQLITE_MISUSE { throw .multipleStatements }
        guard prepared == SQLITE_OK else { throw failure(prepared, message, milliseconds: milliseconds, sql: sql) }
        guard let statement else { throw .empty }
        guard sqlite3_stmt_readonly(statement) != 0 else { throw .notAllowed(authorizer.pointee.denied == nil ? "this statement" : refusedAction(sql)) }

        let columnCount = Int(sqlite3_column_count(statement))
        guard columnCount > 0 else { throw .notAllowed("a statement without a result") }
        let columns = (0..<columnCount).map { String(cString: sqlite3_column_name(statement, Int32($0))) }
        var rows: [[SQLValue]] = []
        var bytes = 0
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return (SQLResult(columns: columns, rows: rows), false) }
            guard code == SQLITE_ROW else { throw failure(code, message, milliseconds: milliseconds, sql: sql) }
            if rows.count == rowLimit {
                if truncate { return (SQLResult(columns: columns, rows: rows), true) }
                throw .tooManyRows(limit: rowLimit)
            }
            var row: [SQLValue] = []
            row.reserveCapacity(columnCount)
            for index in 0..<Int32(columnCount) {
                switch sqlite3_column_type(statement, index) {
                case SQLITE_INTEGER:
                    row.append(.integer(sqlite3_column_int64(statement, index)))
                case SQLITE_FLOAT:
                    row.append(.real(sqlite3_column_double(statement, index)))
                case SQLITE_TEXT:
                    let text = sqlite3_column_text(statement, index).map { String(cString: $0) } ?? ""
                    bytes += text.utf8.count
                    row.append(.text(text))
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(statement, index))
                    bytes += count
                    let blob = sqlite3_column_blob(statement, index).map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
                    row.append(.blob(blob))
                default:
                    row.append(.null)
                }
            }
            if bytes > limits.resultBytes { throw .tooLarge }
            rows.append(row)
        }
    }

    /// What was refused, in the learner's words: SQLite first asks about its own bookkeeping (a CREATE
    /// inserts into `sqlite_schema`), so then the statement's leading keywords name it better.
    private func refusedAction(_ sql: String) -> String {
        guard authorizer.pointee.deniedInternally || authorizer.pointee.denied == nil else { return authorizer.pointee.denied! }
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ";" }).prefix(4).map { $0.uppercased() }
        guard let first = words.first else { return "this statement" }
        if ["CREATE", "DROP", "ALTER"].contains(first),
           let object = words.dropFirst().first(where: { !["TEMP", "TEMPORARY", "UNIQUE", "VIRTUAL"].contains($0) }) {
            return "\(first) \(object)"
        }
        return first
    }

    private func failure(_ code: Int32, _ text: String, milliseconds: Int, sql: String = "") -> SQLRunFailure {
        // SQLite reports a refusal of the authorizer as a plain error ("not authorized"); say what was refused.
        if authorizer.pointee.denied != nil { return .notAllowed(refusedAction(sql)) }
        switch code & 0xff {
        case SQLITE_INTERRUPT: return timedOut ? .timedOut(milliseconds: milliseconds) : .error(text)
        case SQLITE_AUTH: return .notAllowed(refusedAction(sql))
        case SQLITE_TOOBIG, SQLITE_NOMEM, SQLITE_FULL: return .tooLarge
        case SQLITE_READONLY: return .notAllowed("writing")
        default: return .error(text)
        }
    }
}
