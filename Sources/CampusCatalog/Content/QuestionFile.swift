import CampusCore
import Foundation

/// Questions left in their file: where each one lies, so an import reads and parses them one at a time and a
/// bank of any size is checked and written without lying in memory whole (issue 18).
package struct QuestionFile: Sendable {
    package var file: String
    package var elements: [Range<Int>]

    package init(file: String, elements: [Range<Int>]) {
        self.file = file
        self.elements = elements
    }

    /// The question at `index` as an entry named like a question held in memory, or what is wrong with it.
    package func entry(_ index: Int, from handle: FileHandle) throws -> Result<ContentBundle.Entry, ContentIssue> {
        let path = "questions[\(index)]"
        guard let data = try handle.bytes(in: elements[index]) else {
            throw ContentIssues(issues: [ContentIssue(path: file, message: "changed while it was being imported")])
        }
        guard let value = try? JSONValue.parse(data) else {
            return .failure(ContentIssue(path: "\(file):\(path)", message: "is not valid JSON"))
        }
        guard let document = value.objectValue else {
            return .failure(ContentIssue(path: "\(file):\(path)", message: "must be an object"))
        }
        return .success(ContentBundle.Entry(path: path, document: document))
    }
}
