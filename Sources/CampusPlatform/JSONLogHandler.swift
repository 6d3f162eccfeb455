import CampusCore
import Foundation
import Logging
import Synchronization

/// One JSON object per line on standard error (`CAMPUS_LOG_FORMAT=json`): `time`, `level`, `label`,
/// `message`, then every metadata key (request id, route, status, duration, user id, …). Wrapped by
/// `RedactingLogHandler` like the text handler, so the same secrets never reach it.
package struct JSONLogHandler: LogHandler {
    package let label: String
    package var logLevel: Logger.Level = .info
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?

    /// One writer for the process, so lines from several threads never interleave.
    private static let standardError = Mutex(FileHandle.standardError)
    private let write: @Sendable (Data) -> Void

    package init(label: String, metadataProvider: Logger.MetadataProvider? = nil,
                 write: @escaping @Sendable (Data) -> Void = { line in JSONLogHandler.standardError.withLock { $0.write(line) } }) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        var object: [String: Any] = [
            "time": UTCTimestamp.string(from: Date()), "level": event.level.rawValue, "label": label, "message": event.message.description,
        ]
        for (key, value) in merged where object[key] == nil { object[key] = Self.json(value) }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(UInt8(ascii: "\n"))
        write(line)
    }

    static func json(_ value: Logger.MetadataValue) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let items): items.map(json)
        case .dictionary(let members): members.mapValues(json)
        }
    }
}
