import CampusCore
import Foundation

/// Reads an import file into a bundle. A question bank (a bare array, or a bundle's `questions`) stays in the
/// file as a `QuestionFile`: only its outline is kept, so memory does not grow with the bank.
package enum ContentFileReader {
    /// Bytes read per step while outlining.
    static let chunkSize = 1 << 20

    /// Throws `ContentIssues` naming the file when it cannot be read or is not valid JSON, or when a bundle's
    /// parts are not of the accepted shapes.
    package static func add(_ file: String, to bundle: inout ContentBundle) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw issue(file, "cannot be read") }
        var outliner = JSONOutliner(elementsOf: "questions")
        let outline: JSONOutline
        do {
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                try chunk.withUnsafeBytes { try outliner.feed($0) }
            }
            outline = try outliner.finish()
        } catch is JSONOutliner.SyntaxError {
            throw issue(file, "is not valid JSON")
        } catch {
            throw issue(file, "cannot be read")
        }
        if outline.root == .array, let elements = outline.elements {
            bundle.questionFiles.append(QuestionFile(file: file, elements: elements))
            return
        }
        // An object: every member but a question array is parsed as it stands (they are few and small).
        var members: JSONObject = [:]
        for member in outline.members where !(member.key == "questions" && outline.elements != nil) {
            guard let data = try handle.bytes(in: member.value) else { throw issue(file, "cannot be read") }
            members[member.key] = try parse(data, file)
        }
        let id = (members["_id"] ?? members["id"])?.stringValue ?? ""
        guard let elements = outline.elements else {
            try bundle.add(.object(members), source: file)
            return
        }
        guard id.isEmpty else {
            // A single document that happens to hold a `questions` array, not a bank: read as it stands.
            try handle.seek(toOffset: 0)
            try bundle.add(try parse(handle.readToEnd() ?? Data(), file), source: file)
            return
        }
        members["questions"] = .array([])
        try bundle.add(.object(members), source: file)
        bundle.questionFiles.append(QuestionFile(file: file, elements: elements))
    }

    private static func parse(_ data: Data, _ file: String) throws -> JSONValue {
        do { return try JSONValue.parse(data) } catch { throw issue(file, "is not valid JSON") }
    }

    private static func issue(_ file: String, _ message: String) -> ContentIssues {
        ContentIssues(issues: [ContentIssue(path: file, message: message)])
    }
}
