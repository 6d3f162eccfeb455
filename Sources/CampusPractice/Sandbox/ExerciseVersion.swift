import CampusCore
import Crypto
import Foundation

/// Names one dataset of one version of an exercise: the same scripts give the same key, so an edited
/// exercise gets new images and schemas and the old ones are never checked against again.
enum ExerciseVersion {
    static func key(_ task: SQLTask, _ dataset: SQLTask.Dataset) -> String {
        var hash = SHA256()
        hash.update(data: Data(task.schema.utf8))
        hash.update(data: Data([0]))
        hash.update(data: Data(task.script(for: dataset).utf8))
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
