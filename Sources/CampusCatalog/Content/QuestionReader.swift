import CampusCore
import Foundation

/// An import's questions in order, one at a time: those held in memory first, then those left in files.
package struct QuestionReader {
    private let held: [ContentBundle.Entry]
    private let files: [QuestionFile]
    private var position = 0
    private var fileIndex = 0
    private var elementIndex = 0
    private var handle: FileHandle?

    package init(_ bundle: ContentBundle) {
        held = bundle.questions
        files = bundle.questionFiles
    }

    /// The next question's place in the whole import and the question, or what is wrong with it; nil after the last.
    package mutating func next() throws -> (position: Int, entry: Result<ContentBundle.Entry, ContentIssue>)? {
        defer { position += 1 }
        if position < held.count { return (position, .success(held[position])) }
        while fileIndex < files.count, elementIndex == files[fileIndex].elements.count {
            fileIndex += 1
            elementIndex = 0
            handle = nil
        }
        guard fileIndex < files.count else { return nil }
        let file = files[fileIndex]
        if handle == nil {
            guard let opened = FileHandle(forReadingAtPath: file.file) else {
                throw ContentIssues(issues: [ContentIssue(path: file.file, message: "cannot be read")])
            }
            handle = opened
        }
        defer { elementIndex += 1 }
        return (position, try file.entry(elementIndex, from: handle!))
    }
}
