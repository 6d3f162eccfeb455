import CampusCore
import Foundation

/// Collects every field problem of a request so the client hears about all of them at once.
package struct FieldValidator {
    package init() {}

    package private(set) var errors: [Problem.FieldError] = []

    package mutating func fail(_ field: String, _ message: String) {
        errors.append(.init(field: field, message: message))
    }

    package mutating func email(_ raw: String?, field: String = "email") -> EmailAddress? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            fail(field, "is required")
            return nil
        }
        guard let email = EmailAddress(raw) else {
            fail(field, "is not a valid email address")
            return nil
        }
        return email
    }

    package mutating func newPassword(_ field: String, _ raw: String?, confirm: String?, confirmField: String) -> String? {
        guard let raw, !raw.isEmpty else {
            fail(field, "is required")
            return nil
        }
        if let violation = PasswordPolicy.check(raw) {
            fail(field, violation.message)
            return nil
        }
        if let confirm, confirm != raw {
            fail(confirmField, "does not match \(field)")
            return nil
        }
        return raw
    }

    /// Present, not blank and at most `maxLength` long; returned trimmed, or exactly as sent when
    /// `trimming` is false (a password is never trimmed).
    package mutating func required(_ field: String, _ raw: String?, maxLength: Int, trimming: Bool = true) -> String? {
        let trimmed = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !trimmed.isEmpty, let raw else {
            fail(field, "is required")
            return nil
        }
        let value = trimming ? trimmed : raw
        // Lengths count code points, as JSON Schema's maxLength does: counting characters would let one
        // "character" carrying thousands of combining marks through a 100-character limit.
        guard value.unicodeScalars.count <= maxLength else {
            fail(field, "must be at most \(maxLength) characters")
            return nil
        }
        return value
    }

    package func throwIfInvalid() throws {
        if !errors.isEmpty { throw Problem.validation(errors) }
    }
}
