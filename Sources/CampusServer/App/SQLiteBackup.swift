import CSQLite3
import Foundation

/// `campus backup FILE`: a consistent copy of the embedded store while Campus runs, through SQLite's
/// online backup API (pages are copied in steps; a write by the server in between makes SQLite restart
/// the copy from a consistent point, so the file is always one moment's database). Written next to
/// FILE and renamed into place, so a failed copy never leaves a half file under that name.
enum SQLiteBackup {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func copy(from source: String, to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw Failure(description: "\(destination) exists already; choose a new file name")
        }
        guard FileManager.default.fileExists(atPath: source) else { throw Failure(description: "there is no database at \(source)") }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        var from: OpaquePointer?
        var to: OpaquePointer?
        defer {
            sqlite3_close_v2(from)
            sqlite3_close_v2(to)
        }
        guard sqlite3_open_v2(source, &from, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let reader = from else {
            throw Failure(description: "cannot open \(source)")
        }
        guard sqlite3_open_v2(partial, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let writer = to else {
            throw Failure(description: "cannot create \(partial)")
        }
        guard let backup = sqlite3_backup_init(writer, "main", reader, "main") else {
            throw Failure(description: String(cString: sqlite3_errmsg(writer)))
        }
        var status: Int32
        repeat {
            status = sqlite3_backup_step(backup, 1024)
            // The server holds a write lock for a moment: wait a little and carry on.
            if status == SQLITE_BUSY || status == SQLITE_LOCKED { sqlite3_sleep(20) }
        } while status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED
        let finished = sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE, finished == SQLITE_OK else {
            try? FileManager.default.removeItem(atPath: partial)
            throw Failure(description: "the copy failed: \(String(cString: sqlite3_errstr(status)))")
        }
        sqlite3_close_v2(writer)
        to = nil
        try FileManager.default.moveItem(atPath: partial, toPath: destination)
    }
}
