import Foundation
import Vapor

/// Keyset pagination: `limit` (1…100, default 20) and an opaque `cursor` naming the last item seen.
struct PageRequest {
    var limit: Int
    var after: String?

    static let maximum = 100

    init(_ req: Request, defaultLimit: Int = 20) throws {
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
            after = Cursor.decode(cursor)
            if after == nil { check.fail("cursor", "is not a cursor this API gave out") }
        }
        try check.throwIfInvalid()
    }
}

enum Cursor {
    static func encode(_ key: String) -> String {
        Data(("v1:" + key).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        guard cursor.count <= 1024 else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("v1:") else { return nil }
        return String(text.dropFirst(3))
    }
}

struct Page<Item: Content>: Content {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor = "next_cursor"
    }

    /// `next_cursor` is always present, `null` on the last page, so clients need not tell "absent" from "done".
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
