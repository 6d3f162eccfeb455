import CampusPlatform
import Foundation
import NIOCore
import SQLKit

/// What every caller of the catalog sees alike, kept per instance for `lifetime`: courses by the
/// reference a lesson or page names them with, and encoded catalog pages by their filter and cursor.
///
/// Reading the course row was one of four statements behind every lesson read, and a catalog search
/// costs a full-text query and twenty rows, the same for every caller (docs/benchmarks.md, issue 18).
/// Any write to a course, category or track on this instance (model middleware) drops everything at
/// once and starts a new generation, so a read racing the write is not kept; another instance's write,
/// or `campus content import`, is seen once the entry ages out.
package final class CatalogCache: Sendable {
    package static let lifetime: TimeInterval = 2

    /// One instance per course, shared by every reader and changed by none (decoding a model on each lesson
    /// read, and freeing it, cost as much as reading the row); nil marks a reference that names no live course.
    let courses = TimedCache<String, Course?>(lifetime: lifetime, capacity: 1_024)
    let pages = TimedCache<String, ByteBuffer>(lifetime: lifetime, capacity: 512)

    package init() {}

    package func evictAll() {
        courses.removeAll()
        pages.removeAll()
    }
}
