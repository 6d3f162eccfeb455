/// Where a domain keeps what it derives from authored content (a parsed quiz, an encoded question list)
/// so it is not derived again on every request. Injected through `PlatformServices.derived`; entries
/// live as long as the cached documents they come from (see `CachingContentStore`).
package protocol DerivedContentCache: Sendable {
    func memo<Value: Sendable>(_ key: String, _ build: () async throws -> Value) async throws -> Value
}

/// No cache: every value is derived again (stores used without `CachingContentStore`).
package struct NoDerivedContentCache: DerivedContentCache {
    package init() {}

    package func memo<Value: Sendable>(_ key: String, _ build: () async throws -> Value) async throws -> Value {
        try await build()
    }
}
