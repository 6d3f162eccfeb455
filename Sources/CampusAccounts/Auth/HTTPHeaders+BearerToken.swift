import CampusPlatform
import Vapor

extension HTTPHeaders {
    /// The token of `Authorization: Bearer <token>`; the scheme is case-insensitive (RFC 9110 §11.1).
    /// Vapor's `bearerAuthorization` splits the header into new strings on every request; this looks at
    /// the bytes once.
    package var bearerToken: String? {
        guard let value = first(name: .authorization) else { return nil }
        let bytes = value.utf8
        let scheme = "bearer ".utf8
        guard bytes.count > scheme.count,
              bytes.prefix(scheme.count).elementsEqual(scheme, by: { $0 | 0x20 == $1 })
        else { return nil }
        let token = bytes.dropFirst(scheme.count).drop { $0 == UInt8(ascii: " ") }
        guard !token.isEmpty, !token.contains(UInt8(ascii: " ")) else { return nil }
        return String(Substring(token))
    }
}
