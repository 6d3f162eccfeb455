import Foundation
import Logging
import NIOCore

/// Where outgoing mail goes. Swapped for a recording one in tests.
protocol MailTransport: Sendable {
    var name: String { get }
    func deliver(to recipient: String, subject: String, body: String) async throws
}

/// Writes each message as a plain UTF-8 text file, for machines without a mail server: a newcomer
/// reads the verification code from the folder.
struct FolderMailTransport: MailTransport {
    let directory: String
    let logger: Logger

    var name: String { "folder \(directory)" }

    func deliver(to recipient: String, subject: String, body: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = ISO8601.string(from: Date()).replacingOccurrences(of: ":", with: "-")
        let safeRecipient = recipient.map { $0.isLetter || $0.isNumber || $0 == "@" || $0 == "." || $0 == "-" ? $0 : "_" }
        let file = "\(directory)/\(stamp)-\(String(safeRecipient)).txt"
        let text = "To: \(recipient)\nSubject: \(subject)\n\n\(body)\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        logger.notice("mail written to folder", metadata: ["subject": .string(subject), "file": .string(file)])
    }
}

struct SMTPMailTransport: MailTransport {
    let client: SMTPClient

    var name: String { "smtp" }

    func deliver(to recipient: String, subject: String, body: String) async throws {
        try await client.send(SMTPMessage(to: recipient, subject: subject, body: body))
    }
}
