import CampusCore
import Foundation
import Vapor

/// Keyset pagination: `limit` (1…100, default 20) and a `cursor` naming the last item seen. A cursor
/// is the hex form of that item's key: 32 hex digits for the lists ordered by UUIDv7 id, the hex of
/// the UTF-8 bytes of a content id for the quiz list. Any value of that form is a valid cursor (it is
/// only a bound), so the OpenAPI patterns describe exactly what is accepted.
package struct PageRequest {
    package var limit: Int
    /// The cursor as sent, checked for its form when the list asks for its key.
    private var cursor: String?

    package static let maximum = 100

    package init(_ req: Request, defaultLimit: Int = 20) throws {
        var check = FieldValidator()
        let rawLimit = req.query[String.self, at: "limit"]
        limit = defaultLimit
        if let rawLimit {
            if let value = Int(rawLimit), (1...Self.maximum).contains(value) {
                limit = value
            } else {
                check.fail("limit", "must be a whole number from 1 to \(Self.maximum)")
            }
        }
        if let cursor = req.query[String.self, at: "cursor"], !cursor.isEmpty {
            self.cursor = cursor
        }
        try check.throwIfInvalid()
    }

    /// The id after which a list ordered by UUIDv7 id continues.
    package func afterUUID() throws -> UUID? {
        guard let cursor else { return nil }
        guard let id = Cursor.uuid(cursor) else { throw Cursor.invalid("32 hex digits") }
        return id
    }

    /// The content id after which a list ordered by content id continues.
    package func afterKey() throws -> String? {
        guard let cursor else { return nil }
        guard let key = Cursor.key(cursor) else { throw Cursor.invalid("hex digits in pairs, at most 400") }
        return key
    }

    package func nextCursor(_ lastID: UUID?, count: Int) -> String? {
        count == limit ? lastID.map(Cursor.encode) : nil
    }
}

package enum Cursor {
    package static func encode(_ id: UUID) -> String {
        withUnsafeBytes(of: id.uuid) { $0.map { String(format: "%02x", $0) }.joined() }
    }

    package static func encode(key: String) -> String {
        key.utf8.map { String(format: "%02x", $0) }.joined()
    }

    package static func uuid(_ cursor: String) -> UUID? {
        guard cursor.count == 32, let bytes = HexText.bytes(cursor) else { return nil }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// Whatever bytes the hex names, read as UTF-8 with control characters left out: a key no content
    /// id has is still a valid bound.
    package static func key(_ cursor: String) -> String? {
        guard cursor.count <= 400, !cursor.isEmpty, let bytes = HexText.bytes(cursor) else { return nil }
        return String(String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { !ControlCharacters.isRefused($0) })
    }

    package static func invalid(_ form: String) -> Problem {
        Problem.validation(field: "cursor", "is not a cursor: a cursor is \(form), as `next_cursor` gives it")
    }
}

package struct Page<Item: Content>: Content {
    package var items: [Item]
    package var nextCursor: String?

    package init(items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }

    package enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    /// `next_cursor` is always present, `null` on the last page, so clients need not tell "absent" from "done".
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
