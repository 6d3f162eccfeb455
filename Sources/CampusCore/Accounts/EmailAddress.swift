import Foundation

/// An email address in the one form Campus stores and compares: trimmed and lower-cased.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Returns nil when the text is not a plausible address. Deliberately loose (one `@`, a dot in the
    /// domain, no spaces): the verification code, not a regex, proves an address works.
    public init?(_ raw: String) {
        let normalized = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard normalized.count <= 254 else { return nil }
        let parts = normalized.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return nil }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."),
              !domain.contains("..") else { return nil }
        guard !normalized.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "<" || $0 == ">" || $0 == "," })
        else { return nil }
        self.value = normalized
    }

    public var description: String { value }
}
