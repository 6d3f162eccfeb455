import CampusCore
import Foundation

/// Checks a practice exercise before it is saved: parses it and runs its reference or sample solution.
/// The practice domain implements it (it owns the sandboxes) and the app wires it in, so content import
/// refuses a broken exercise without the catalog knowing how exercises are checked.
package protocol PracticeContentValidator: Sendable {
    /// Every problem with the document, paths starting with `path`; empty when it may be saved.
    func issues(in document: JSONObject, path: String) async -> [ContentIssue]
}
