import Foundation
import Testing
@testable import CampusCore

/// A broken document and the single issue it must produce; named for the test report.
struct ExpectedIssue: Sendable, CustomTestStringConvertible {
    let document: JSONObject
    let issue: ContentIssue
    var testDescription: String { issue.description }

    init(_ document: JSONObject, _ path: String, _ message: String) {
        self.document = document
        self.issue = ContentIssue(path: path, message: message)
    }
}
