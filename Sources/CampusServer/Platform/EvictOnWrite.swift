import FluentKit

/// Drops a model's entry from a per-instance cache whenever Fluent writes the row on this instance:
/// before the write (so a read racing it cannot keep the old row) and after it.
struct EvictOnWrite<Watched: Model>: AsyncModelMiddleware {
    let evict: @Sendable (Watched.IDValue?) -> Void

    func create(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        evict(model.id)
    }

    func update(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        evict(model.id)
        try await next.update(model, on: db)
        evict(model.id)
    }

    func delete(model: Watched, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        evict(model.id)
        try await next.delete(model, force: force, on: db)
        evict(model.id)
    }

    func softDelete(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        evict(model.id)
        try await next.softDelete(model, on: db)
        evict(model.id)
    }

    func restore(model: Watched, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.restore(model, on: db)
        evict(model.id)
    }
}
