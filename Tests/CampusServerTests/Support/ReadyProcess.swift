import Foundation

/// A helper server from `tools/` started for one test: it prints `READY <port>` once listening and exits
/// when its stdin closes, so it cannot outlive a crashed test run.
struct ReadyProcess {
    let process: Process
    let input: Pipe
    let port: Int

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = input
        try process.run()
        // A server that never gets ready is killed, which ends the blocking read below with EOF.
        let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        defer { watchdog.cancel() }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6).prefix(while: \.isNumber)) else {
            if process.isRunning { process.terminate() }
            throw Failure(description: "\(arguments.first ?? executable) did not start: \(text)")
        }
        self.process = process
        self.input = input
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
