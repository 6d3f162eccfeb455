import FluentKit

extension SchemaBuilder {
    /// The columns every Campus table carries: audit times and actors, and `deleted_at` for soft delete.
    package func auditFields() -> Self {
        self.field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("deleted_at", .datetime)
            .field("created_by", .uuid)
            .field("updated_by", .uuid)
    }
}
