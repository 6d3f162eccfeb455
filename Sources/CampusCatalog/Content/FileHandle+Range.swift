import Foundation

extension FileHandle {
    /// The bytes at `range`, or nil when the file now ends before it.
    func bytes(in range: Range<Int>) throws -> Data? {
        try seek(toOffset: UInt64(range.lowerBound))
        guard let data = try read(upToCount: range.count), data.count == range.count else { return nil }
        return data
    }
}
