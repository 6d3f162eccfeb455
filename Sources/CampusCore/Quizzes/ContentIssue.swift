import Foundation

/// One problem with a content document or a submitted answer, located by its JSON path.
public struct ContentIssue: Sendable, Equatable, CustomStringConvertible, Error {
    /// Where the problem is, e.g. `questions[17].weights.g`.
    public var path: String
    /// Lower-case and specific, e.g. `no such option`.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
