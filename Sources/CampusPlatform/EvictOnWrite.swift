import FluentKit

/// Drops a model's entry from a per-instance cache whenever Fluent writes the row on this instance:
/// before the write (so a read racing it cannot keep the old row) and after it.
package struct EvictOnWrite<Watched: Model>: AsyncModelMiddleware {
    package let evict: @Sendable (Watched.IDValue?) -> Void

    package init(evict: @escaping @Sendable (Watched.IDValue?) -> Void) {
        self.evict = evict
    }

    package func create(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        evict(model.id)
    }

    package func update(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        evict(model.id)
        try await next.update(model, on: db)
        evict(model.id)
    }

    package func delete(model: Watched, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        evict(model.id)
        try await next.delete(model, force: force, on: db)
        evict(model.id)
    }

    package func softDelete(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        evict(model.id)
        try await next.softDelete(model, on: db)
        evict(model.id)
    }

    package func restore(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.restore(model, on: db)
        evict(model.id)
    }
}
