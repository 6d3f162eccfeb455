import Foundation

/// An email address in the one form Campus stores and compares: trimmed, NFKC-normalised (so
/// full-width `ａｄｍｉｎ` is `admin`) and lower-cased. Control and format characters are refused, so no
/// second account can read as someone else's address.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    /// Returns nil when the text is not a plausible address. Deliberately loose (one `@`, a dot in the
    /// domain, no spaces): the verification code, not a regex, proves an address works.
    public init?(_ raw: String) {
        let normalized = Self.normalized(raw)
        guard normalized.count <= 254, !normalized.unicodeScalars.contains(where: Self.isInvisible) else { return nil }
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

    /// The comparable form of any text given as an email, valid or not (lock-out counters use it too).
    public static func normalized(_ raw: String) -> String {
        raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }
}
