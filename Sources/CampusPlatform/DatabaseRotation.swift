import FluentKit
import Synchronization

/// Hands out the per-event-loop database handles in turn, without a lock, as `EventLoopGroup.next()` picks loops.
final class DatabaseRotation: Sendable {
    private let handles: [any Database]
    private let turn = Atomic<UInt>(0)

    init(_ handles: [any Database]) {
        precondition(!handles.isEmpty, "a rotation needs at least one handle")
        self.handles = handles
    }

    func next() -> any Database {
        handles[Int(turn.wrappingAdd(1, ordering: .relaxed).oldValue % UInt(handles.count))]
    }
}
