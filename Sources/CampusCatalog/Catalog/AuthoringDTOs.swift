import CampusAccounts
import CampusPlatform
import Foundation
import Vapor

package struct CategoryRequest: Content {
    package var name: String?
    package var slug: String?

    package init(name: String? = nil, slug: String? = nil) {
        self.name = name
        self.slug = slug
    }
}

package struct TrackRequest: Content {
    package var categoryID: String?
    package var name: String?
    package var description: String?
    package var courseIDs: [String]?

    package init(categoryID: String? = nil, name: String? = nil, description: String? = nil, courseIDs: [String]? = nil) {
        self.categoryID = categoryID
        self.name = name
        self.description = description
        self.courseIDs = courseIDs
    }

    package enum CodingKeys: String, CodingKey {
        case name, description
        case categoryID = "category_id"
        case courseIDs = "course_ids"
    }
}

package struct TrackCoursesRequest: Content {
    package var courseIDs: [String]?

    package init(courseIDs: [String]? = nil) {
        self.courseIDs = courseIDs
    }

    package enum CodingKeys: String, CodingKey {
        case courseIDs = "course_ids"
    }
}

/// Create and patch share one shape; on PATCH every field is optional and `null` price makes the course free.
package struct CourseRequest: Content {
    package var contentID: String?
    package var slug: String?
    package var categoryID: String?
    package var title: String?
    package var description: String?
    package var level: String?
    package var status: String?
    package var priceCents: Int??
    package var currency: String?

    package enum CodingKeys: String, CodingKey {
        case slug, title, description, level, status, currency
        case contentID = "content_id"
        case categoryID = "category_id"
        case priceCents = "price_cents"
    }

    package init(from decoder: any Decoder) throws {
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
