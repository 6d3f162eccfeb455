import Foundation
import Testing

/// `req.db` and `app.db` hand out a handle on the caller's event loop. On SQLite Campus writes through exactly
/// one connection, pinned to one loop (see `Database+Campus.swift`; reads go to read-only connections); any other
/// loop's handle opens a second writer that then waits on the first for the write lock. Everything must go
/// through `campusDB`.
@Suite("Database handles")
struct DatabaseHandleTests {
    @Test("no source outside Database+Campus.swift asks Vapor for req.db, app.db or a database by id")
    func onlyTheCampusHandle() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let pattern = try Regex(#"\b(req|request|app|application)\.db\b|\.databases\.database\("#)
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 50, "the scan must see the sources")
        for file in files where file.lastPathComponent != "Database+Campus.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && line.contains(pattern) {
                offenders.append("\(file.path.dropFirst(root.path.count + 1)):\(number + 1)")
            }
        }
        #expect(offenders.isEmpty, "use campusDB instead: \(offenders)")
    }
}
