import CSQLite3

/// What a statement may do in the sandbox, decided by SQLite's authorizer as the statement is compiled.
/// Learners may only read; authors' scripts may build tables but never reach outside the in-memory database.
struct SQLiteAuthorizer {
    enum Mode {
        case learner, author
    }

    var mode: Mode
    /// The first action refused, for the message.
    var denied: String?
    /// `denied` is SQLite's own bookkeeping (an insert into `sqlite_schema` for a CREATE), named only
    /// until the statement's own action is refused.
    var deniedInternally = false

    static let deniedFunctions: Set<String> = ["load_extension", "fts3_tokenizer", "readfile", "writefile", "edit"]

    static let learnerActions: Set<Int32> = [SQLITE_SELECT, SQLITE_READ, SQLITE_FUNCTION, SQLITE_RECURSIVE]
    static let authorDenied: Set<Int32> = [SQLITE_ATTACH, SQLITE_DETACH]

    static func name(of action: Int32, detail: String?) -> String {
        switch action {
        case SQLITE_PRAGMA: "PRAGMA"
        case SQLITE_ATTACH: "ATTACH"
        case SQLITE_DETACH: "DETACH"
        case SQLITE_INSERT: "INSERT"
        case SQLITE_UPDATE: "UPDATE"
        case SQLITE_DELETE: "DELETE"
        case SQLITE_TRANSACTION: "a transaction"
        case SQLITE_SAVEPOINT: "SAVEPOINT"
        case SQLITE_ANALYZE: "ANALYZE"
        case SQLITE_REINDEX: "REINDEX"
        case SQLITE_ALTER_TABLE: "ALTER TABLE"
        case SQLITE_FUNCTION: "the function \(detail ?? "")"
        case SQLITE_CREATE_TABLE, SQLITE_CREATE_TEMP_TABLE: "CREATE TABLE"
        case SQLITE_CREATE_INDEX, SQLITE_CREATE_TEMP_INDEX: "CREATE INDEX"
        case SQLITE_CREATE_VIEW, SQLITE_CREATE_TEMP_VIEW: "CREATE VIEW"
        case SQLITE_CREATE_TRIGGER, SQLITE_CREATE_TEMP_TRIGGER: "CREATE TRIGGER"
        case SQLITE_CREATE_VTABLE: "CREATE VIRTUAL TABLE"
        case SQLITE_DROP_TABLE, SQLITE_DROP_TEMP_TABLE, SQLITE_DROP_INDEX, SQLITE_DROP_TEMP_INDEX, SQLITE_DROP_VIEW,
             SQLITE_DROP_TEMP_VIEW, SQLITE_DROP_TRIGGER, SQLITE_DROP_TEMP_TRIGGER, SQLITE_DROP_VTABLE: "DROP"
        default: "this statement"
        }
    }

    /// The C callback: `context` points at the `SQLiteAuthorizer` of the connection being checked.
    static let callback: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
                                         UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32 = { context, action, first, second, _, _ in
        guard let state = context?.assumingMemoryBound(to: SQLiteAuthorizer.self) else { return SQLITE_DENY }
        let function = action == SQLITE_FUNCTION ? second.map { String(cString: $0).lowercased() } : nil
        let allowed: Bool
        if let function, deniedFunctions.contains(function) {
            allowed = false
        } else {
            switch state.pointee.mode {
            case .learner: allowed = learnerActions.contains(action)
            case .author: allowed = !authorDenied.contains(action)
            }
        }
        if !allowed && (state.pointee.denied == nil || state.pointee.deniedInternally) {
            let target = first.map { String(cString: $0) }
            let bookkeeping = [SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE, SQLITE_READ].contains(action) && target?.hasPrefix("sqlite_") == true
            if state.pointee.denied == nil || !bookkeeping {
                state.pointee.denied = name(of: action, detail: function ?? target)
                state.pointee.deniedInternally = bookkeeping
            }
        }
        return allowed ? SQLITE_OK : SQLITE_DENY
    }
}
