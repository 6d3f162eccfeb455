#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Vapor

/// SQLite is one Campus instance's store: background jobs claim work in ways only PostgreSQL makes safe
/// across processes. Each process that opens the file holds an advisory `flock` on `<file>.lock`; one that
/// finds it held says so at start (a command such as `campus migrate` beside a running server is fine;
/// a second server is not).
struct SQLiteInstanceLock: LifecycleHandler {
    let descriptor: Int32

    init(databasePath: String, logger: Logger) throws {
        descriptor = open(databasePath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            logger.warning("""
                another Campus process has \(databasePath) open: the embedded SQLite store serves one instance; \
                stop the other server, or run several instances over PostgreSQL (CAMPUS_DATABASE_URL)
                """)
        }
    }

    func shutdownAsync(_ application: Application) async {
        if descriptor >= 0 { close(descriptor) }
    }
}
