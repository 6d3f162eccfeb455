import CampusPlatform
import Foundation

/// Where and how Campus submits mail, parsed from one URL such as
/// `smtp://user:p%40ss@mail.example.com:587?from=Campus%20%3Cno-reply%40example.com%3E`.
public struct SMTPConfiguration: Sendable, Equatable {
    public enum Security: Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS; the client refuses to continue without it.
        case startTLS
        /// TLS from the first byte (port 465, "SMTPS").
        case implicitTLS
        /// No encryption at all: only for a local test server, so it must be asked for by name.
        case none
    }

    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    public var security: Security
    public var verifyCertificates: Bool
    /// The From header, e.g. `Campus <no-reply@example.com>`; its address is also the envelope sender.
    public var from: String

    public static let defaultFrom = "Campus <no-reply@campus.local>"

    public init(
        host: String,
        port: Int? = nil,
        username: String? = nil,
        password: String? = nil,
        security: Security = .startTLS,
        verifyCertificates: Bool = true,
        from: String = SMTPConfiguration.defaultFrom
    ) {
        self.host = host
        self.port = port ?? (security == .implicitTLS ? 465 : 587)
        self.username = username
        self.password = password
        self.security = security
        self.verifyCertificates = verifyCertificates
        self.from = from
    }

    /// Parses `smtp://` (STARTTLS, port 587) or `smtps://` (implicit TLS, port 465) URLs.
    /// Query items: `from`, `tls=none|starttls|implicit`, `tls_verify=false`.
    public static func parse(_ url: String) throws -> SMTPConfiguration {
        // Error texts are fixed strings on purpose: a malformed URL can shift the password into any
        // component (host, port, query), so echoing a component could leak it into logs.
        typealias Failure = SMTPConfigurationError
        guard let components = URLComponents(string: url.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure("the SMTP URL is malformed (reserved characters such as @ : / ? # in the user name or password must be percent-encoded)")
        }
        var security: Security
        switch components.scheme?.lowercased() {
        case "smtp": security = .startTLS
        case "smtps": security = .implicitTLS
        default: throw Failure("the SMTP URL must start with smtp:// or smtps://")
        }
        guard var host = components.host, !host.isEmpty else {
            throw Failure("the SMTP URL has no host")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // IPv6 literal
        guard components.path.isEmpty || components.path == "/" else {
            throw Failure("the SMTP URL must not have a path (reserved characters in the password must be percent-encoded)")
        }
        guard components.fragment == nil else {
            throw Failure("the SMTP URL must not have a fragment (reserved characters in the password must be percent-encoded)")
        }
        if let port = components.port, !(1...65535).contains(port) {
            throw Failure("the SMTP URL port must be between 1 and 65535")
        }

        let username = components.user
        let password = components.password
        if let username, username.isEmpty { throw Failure("the SMTP URL has an empty user name") }
        if password != nil && username == nil { throw Failure("the SMTP URL has a password but no user name") }
        if username != nil && password == nil { throw Failure("the SMTP URL has a user name but no password") }

        var verify = true
        var from = defaultFrom
        var seen = Set<String>()
        for item in components.queryItems ?? [] {
            let key = item.name.lowercased()
            guard seen.insert(key).inserted else { throw Failure("the SMTP URL repeats a query parameter") }
            let value = item.value ?? ""
            switch key {
            case "from":
                guard (try? SMTPAddress.parse(value)) != nil else {
                    throw Failure("the SMTP URL from= is not a mailbox such as Campus <no-reply@example.com>")
                }
                from = value
            case "tls":
                switch (value.lowercased(), security) {
                case ("none", .startTLS): security = .none
                case ("starttls", .startTLS), ("implicit", .implicitTLS), ("ssl", .implicitTLS): break
                default:
                    throw Failure("the SMTP URL tls= must be none or starttls with smtp://, or implicit with smtps://")
                }
            case "tls_verify":
                switch value.lowercased() {
                case "true", "1", "yes": verify = true
                case "false", "0", "no": verify = false
                default: throw Failure("the SMTP URL tls_verify= must be true or false")
                }
            default:
                throw Failure("the SMTP URL has an unknown query parameter (known: from, tls, tls_verify)")
            }
        }
        return SMTPConfiguration(
            host: host, port: components.port, username: username, password: password,
            security: security, verifyCertificates: verify, from: from
        )
    }
}

extension SMTPConfiguration: CustomStringConvertible, CustomReflectable {
    // Configurations end up in logs and test failure output; the password must not.
    public var description: String {
        let user = username.map { "\($0):***@" } ?? ""
        return "SMTPConfiguration(\(security) \(user)\(host):\(port), verifyCertificates: \(verifyCertificates), from: \(from))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "host": host, "port": port, "username": username as Any, "password": password == nil ? "nil" : "***",
            "security": security, "verifyCertificates": verifyCertificates, "from": from,
        ])
    }
}

/// Why an SMTP URL was rejected. Never contains any part of the URL (see `parse`).
public struct SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public let reason: String
    package init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
    public var errorDescription: String? { reason }
}

/// A mailbox split into display name and address, shared by configuration checks and the client.
package struct SMTPAddress: Sendable, Equatable {
    package var name: String?
    package var address: String

    package init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// Accepts `addr@example.com` or `Display Name <addr@example.com>`; rejects anything that could
    /// smuggle extra SMTP commands or headers (control characters, stray angle brackets, commas).
    package static func parse(_ text: String) throws -> SMTPAddress {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name: String?
        var address = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var display = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if display.count >= 2, display.hasPrefix("\""), display.hasSuffix("\"") {
                display = String(display.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            name = display.isEmpty ? nil : display
        }
        let forbidden: (Unicode.Scalar) -> Bool = {
            $0.properties.generalCategory == .control || $0 == "<" || $0 == ">" || $0 == "," || $0 == " " || $0 == "\""
        }
        let at = address.lastIndex(of: "@")
        guard let at, at != address.startIndex, address.index(after: at) != address.endIndex,
              address.utf8.count <= 254, !address.unicodeScalars.contains(where: forbidden)
        else { throw SMTPError.invalidAddress }
        if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw SMTPError.invalidAddress
        }
        return SMTPAddress(name: name, address: address)
    }

    package var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }
}
