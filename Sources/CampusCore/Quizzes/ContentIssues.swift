import Foundation

/// Every problem found in one document, so an author can fix them all in one pass.
public struct ContentIssues: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ContentIssue]

    public init(issues: [ContentIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
