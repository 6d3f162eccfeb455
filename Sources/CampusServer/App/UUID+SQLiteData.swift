import CampusCore
import Foundation
import SQLiteNIO

/// UUIDs go to and from SQLite as the same upper-case text as before, read and written without `sscanf` and
/// `snprintf` (see `UUID(text:)`).
///
/// Without this conformance sqlite-kit reaches a UUID through `Codable`: a decoder object per column, then
/// Foundation's parser. `@retroactive` because neither Foundation nor sqlite-nio declares it; should
/// sqlite-nio ever add its own, this file goes (the two would disagree only if its text differed, and the
/// stored text is checked by `UUIDTextTests`).
extension UUID: @retroactive SQLiteDataConvertible {
    public init?(sqliteData: SQLiteData) {
        guard let text = sqliteData.string else { return nil }
        self.init(text: text)
    }

    public var sqliteData: SQLiteData? { .text(uppercaseText) }
}
