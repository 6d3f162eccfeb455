import Foundation
import Vapor

struct CategoryRequest: Content {
    var name: String?
    var slug: String?
}

struct TrackRequest: Content {
    var categoryID: String?
    var name: String?
    var description: String?
    var courseIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case name, description
        case categoryID = "category_id"
        case courseIDs = "course_ids"
    }
}

struct TrackCoursesRequest: Content {
    var courseIDs: [String]?

    enum CodingKeys: String, CodingKey {
        case courseIDs = "course_ids"
    }
}

/// Create and patch share one shape; on PATCH every field is optional and `null` price makes the course free.
struct CourseRequest: Content {
    var contentID: String?
    var slug: String?
    var categoryID: String?
    var title: String?
    var description: String?
    var level: String?
    var status: String?
    var priceCents: Int??
    var currency: String?

    enum CodingKeys: String, CodingKey {
        case slug, title, description, level, status, currency
        case contentID = "content_id"
        case categoryID = "category_id"
        case priceCents = "price_cents"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        contentID = try container.decodeIfPresent(String.self, forKey: .contentID)
        slug = try container.decodeIfPresent(String.self, forKey: .slug)
        categoryID = try container.decodeIfPresent(String.self, forKey: .categoryID)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        level = try container.decodeIfPresent(String.self, forKey: .level)
        status = try container.decodeIfPresent(String.self, forKey: .status)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        // Absent: leave the price alone; null: free; a number: the price in minor units.
        if container.contains(.priceCents) {
            priceCents = .some(try container.decodeNil(forKey: .priceCents) ? nil : try container.decode(Int.self, forKey: .priceCents))
        }
    }
}
