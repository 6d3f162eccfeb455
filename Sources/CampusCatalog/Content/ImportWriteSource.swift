import CampusCore
import Foundation
import Synchronization

/// Hands an import's writes to the store batch by batch: its questions read again one at a time (from memory
/// or their files) under the ids the check settled on, then every other write.
package final class ImportWriteSource: Sendable {
    private struct State {
        var reader: QuestionReader
        var rest: ArraySlice<ContentWrite>
    }

    /// The ids the check read and the ids to store, by position; a question is written under `stored[i]`.
    private let checked: [String?]
    private let stored: [String?]
    private let state: Mutex<State>
    static let batchSize = 250

    package init(bundle: ContentBundle, checkedIDs: [String?], storedIDs: [String?], then rest: [ContentWrite]) {
        checked = checkedIDs
        stored = storedIDs
        state = Mutex(State(reader: QuestionReader(bundle), rest: rest[...]))
    }

    package func next() throws -> [ContentWrite]? {
        try state.withLock { state -> [ContentWrite]? in
            var batch: [ContentWrite] = []
            while batch.count < Self.batchSize, let (position, entry) = try state.reader.next() {
                // The check passed, so every question parsed then; one that does not now, or carries another id,
                // was changed on disk in between, and the whole import is undone.
                guard case .success(var question) = entry, let original = checked[position], let id = stored[position],
                      question.document["id"]?.stringValue == original else {
                    throw ContentIssues(issues: [ContentIssue(path: "questions[\(position)]", message: "changed while it was being imported")])
                }
                if id != original {
                    question.document["id"] = .string(id)
                    // Remembered so a client that knows only the source's ids still scores (the public test's answers).
                    question.document["renamed_from"] = .string(original)
                }
                batch.append(.upsert(collection: ContentCollection.questions, id: id, document: question.document))
            }
            if batch.isEmpty, !state.rest.isEmpty {
                batch = Array(state.rest.prefix(Self.batchSize))
                state.rest = state.rest.dropFirst(batch.count)
            }
            return batch.isEmpty ? nil : batch
        }
    }
}
