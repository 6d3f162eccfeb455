/// Where a domain keeps what it derives from authored content (a parsed quiz, an encoded question list)
/// so it is not derived again on every request. Injected through `PlatformServices.derived`; entries
/// live as long as the cached documents they come from (see `CachingContentStore`).
package protocol DerivedContentCache: Sendable {
    func memo<Value: Sendable>(_ key: String, _ build: () async throws -> Value) async throws -> Value

    /// What `memo` holds for `key` right now, if anything; never builds it. A caller that can skip reading
    /// the inputs of a value it finds here asks first.
    func peek<Value: Sendable>(_ key: String, as type: Value.Type) -> Value?
}

/// No cache: every value is derived again (stores used without `CachingContentStore`).
package struct NoDerivedContentCache: DerivedContentCache {
    package init() {}

    package func memo<Value: Sendable>(_ key: String, _ build: () async throws -> Value) async throws -> Value {
        try await build()
    }

    package func peek<Value: Sendable>(_ key: String, as type: Value.Type) -> Value? { nil }
}
