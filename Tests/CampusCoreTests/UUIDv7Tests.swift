import Foundation
import Synchronization
import Testing
@testable import CampusCore

@Suite("UUIDv7 ids")
struct UUIDv7Tests {
    @Test("carry version 7 and the RFC 9562 variant")
    func versionAndVariant() {
        for _ in 0..<1000 {
            let bytes = UUID.v7().uuid
            #expect(bytes.6 >> 4 == 0x7)
            #expect(bytes.8 >> 6 == 0b10)
        }
    }

    @Test("embed the current millisecond")
    func timestamp() throws {
        let fixed = Date(timeIntervalSince1970: 1_795_000_000.123)
        let generator = UUIDv7Generator(now: { fixed })
        let stamp = try #require(generator.next().v7Timestamp)
        #expect(abs(stamp.timeIntervalSince(fixed)) < 0.001)
    }

    @Test("sort in creation order, even many within one millisecond")
    func monotonic() {
        let fixed = Date(timeIntervalSince1970: 1_795_000_000)
        let generator = UUIDv7Generator(now: { fixed })
        let ids = (0..<10_000).map { _ in generator.next().uuidString.lowercased() }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test("stay ordered when the wall clock steps back")
    func clockStepsBack() {
        let times = [Date(timeIntervalSince1970: 2_000), Date(timeIntervalSince1970: 1_000)]
        let index = Counter()
        let generator = UUIDv7Generator(now: { times[min(index.next(), 1)] })
        let first = generator.next().uuidString.lowercased()
        let second = generator.next().uuidString.lowercased()
        #expect(first < second)
    }
}

final class Counter: Sendable {
    private let value = Synchronization.Mutex(0)
    func next() -> Int {
        value.withLock { current in
            defer { current += 1 }
            return current
        }
    }
}
