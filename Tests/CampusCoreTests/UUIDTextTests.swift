import Foundation
import Testing
@testable import CampusCore

@Suite("UUID text")
struct UUIDTextTests {
    @Test("writes and reads exactly what Foundation does, in either case")
    func matchesFoundation() throws {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(id.uppercaseText == id.uuidString)
            #expect(id.lowercaseText == id.uuidString.lowercased())
            #expect(UUID(text: id.uuidString) == id)
            #expect(UUID(text: id.uuidString.lowercased()) == id)
            let mixed = String(id.uuidString.enumerated().map { $0.offset % 3 == 0 ? Character($0.element.lowercased()) : $0.element })
            #expect(UUID(text: mixed) == id)
            #expect(UUID(text: Substring("x" + id.uuidString).dropFirst()) == id)
        }
        let extremes = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                        UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for id in extremes {
            #expect(id.uppercaseText == id.uuidString)
            #expect(UUID(text: id.uuidString) == id)
        }
    }

    @Test("refuses what Foundation refuses, and the malformed text its sscanf lets through")
    func refusals() {
        let good = "01A24358-ECF3-7410-99EF-EB2B8F86A6C4"
        let bad = [
            "", "x", String(good.dropLast()), good + "0", " " + good, good + " ", "{\(good)}",
            good.replacingOccurrences(of: "-", with: ""), good.replacingOccurrences(of: "-", with: "_"),
            "01A24358-ECF3-7410-99EF-EB2B8F86A6CG", "01A24358-ECF3-7410-99EFE-B2B8F86A6C4", "01A2435-8ECF3-7410-99EF-EB2B8F86A6C4",
            "01A24358-ECF3-7410-99EF-EB2B8F86A6Cé", "01A24358-ECF3-7410-99EF-EB2B8F86A6C\u{0}",
        ]
        for text in bad {
            #expect(UUID(uuidString: text) == nil, "Foundation refuses \(text.debugDescription)")
            #expect(UUID(text: text) == nil, "refuses \(text.debugDescription)")
        }
        #expect(UUID(text: good) == UUID(uuidString: good))
        // Foundation reads these as some UUID; none of them is one, and none was ever written by Campus.
        for text in ["+1A24358-ECF3-7410-99EF-EB2B8F86A6C4", " 1A24358-ECF3-7410-99EF-EB2B8F86A6C4", good + "\u{0}X"] {
            #expect(UUID(text: text) == nil, "refuses \(text.debugDescription)")
        }
    }
}
