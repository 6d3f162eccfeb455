import Foundation

/// The comparison form of typed answers, so "  Идемпотентность " matches "идемпотентность".
public enum TextAnswer {
    /// Trims, lower-cases, reads "ё" as "е" (Russian text often omits the dots), and collapses every
    /// run of whitespace inside to one space.
    public static func normalize(_ text: String) -> String {
        var normalized = ""
        var pendingSpace = false
        // Character comparison is canonical, so a decomposed "е" + U+0308 is caught as "ё" too.
        for character in text.lowercased() {
            if character.isWhitespace {
                pendingSpace = !normalized.isEmpty
                continue
            }
            if pendingSpace {
                normalized.append(" ")
                pendingSpace = false
            }
            normalized.append(character == "ё" ? "е" : character)
        }
        return normalized
    }
}
