import Foundation

/// Splits an author's SQL script into statements for drivers that take one at a time: on `;` outside
/// quotes ('…', "…"), comments (`--`, `/* */`) and PostgreSQL dollar quoting (`$tag$…$tag$`).
public enum SQLScript {
    public static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(script)
        var index = 0
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty && !isOnlyComments(trimmed) { statements.append(trimmed) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            switch character {
            case "'", "\"":
                let end = closing(character, in: characters, from: index + 1)
                current += String(characters[index..<end])
                index = end
                continue
            case "-" where next == "-":
                let end = characters[index...].firstIndex(of: "\n").map { $0 + 1 } ?? characters.count
                current += String(characters[index..<end])
                index = end
                continue
            case "/" where next == "*":
                var end = index + 2
                while end + 1 < characters.count && !(characters[end] == "*" && characters[end + 1] == "/") { end += 1 }
                end = min(characters.count, end + 2)
                current += String(characters[index..<end])
                index = end
                continue
            case "$":
                if let tagEnd = characters[(index + 1)...].firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }),
                   characters[tagEnd] == "$", !(index > 0 && (characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_")) {
                    let tag = Array(characters[index...tagEnd])
                    var end = tagEnd + 1
                    while end < characters.count && !(characters[end] == "$" && Array(characters[end..<min(characters.count, end + tag.count)]) == tag) { end += 1 }
                    end = min(characters.count, end + tag.count)
                    current += String(characters[index..<end])
                    index = end
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            current.append(character)
            index += 1
        }
        flush()
        return statements
    }

    /// Just past the quote that closes the one before `start`; a doubled quote stays inside.
    static func closing(_ quote: Character, in characters: [Character], from start: Int) -> Int {
        var index = start
        while index < characters.count {
            if characters[index] == quote {
                if index + 1 < characters.count && characters[index + 1] == quote { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return characters.count
    }

    static func isOnlyComments(_ text: String) -> Bool {
        var rest = Substring(text)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.isEmpty { return true }
            if rest.hasPrefix("--") { rest = rest.drop(while: { $0 != "\n" }); continue }
            if rest.hasPrefix("/*"), let end = rest.range(of: "*/") { rest = rest[end.upperBound...]; continue }
            return false
        }
    }
}
