import CampusPlatform
import Foundation
import Logging
import NIOCore

/// Where outgoing mail goes. Swapped for a recording one in tests.
package protocol MailTransport: Sendable {
    var name: String { get }
    func deliver(to recipient: String, subject: String, body: String) async throws
}

/// Writes each message as a plain UTF-8 text file, for machines without a mail server: a newcomer
/// reads the verification code from the folder.
package struct FolderMailTransport: MailTransport {
    package let directory: String
    package let logger: Logger

    package init(directory: String, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    package var name: String { "folder \(directory)" }

    package func deliver(to recipient: String, subject: String, body: String) async throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = ISO8601.string(from: Date()).replacingOccurrences(of: ":", with: "-")
        let safeRecipient = recipient.map { $0.isLetter || $0.isNumber || $0 == "@" || $0 == "." || $0 == "-" ? $0 : "_" }
        let file = "\(directory)/\(stamp)-\(String(safeRecipient)).txt"
        let text = "To: \(recipient)\nSubject: \(subject)\n\n\(body)\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        logger.notice("mail written to folder", metadata: ["subject": .string(subject), "file": .string(file)])
    }
}

package struct SMTPMailTransport: MailTransport {
    package let client: SMTPClient

    package init(client: SMTPClient) {
        self.client = client
    }

    package var name: String { "smtp" }

    package func deliver(to recipient: String, subject: String, body: String) async throws {
        try await client.send(SMTPMessage(to: recipient, subject: subject, body: body))
    }
}
