import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over up to `workers` threads, results in the original order, so output built
    /// from it is byte-identical to a sequential run. Authorities and pages are independent,
    /// which is what makes this safe.
    ///
    /// Each thread takes the next item as it finishes one, so a slow item (a large authority, the
    /// national summary) never leaves a core idle behind a fixed share of the work.
    public func concurrentMap<T: Sendable>(workers: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        guard workers > 1, count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = SendableBuffer(buffer.baseAddress!)
            let items = self
            let queue = WorkQueue(count: count)
            DispatchQueue.concurrentPerform(iterations: Swift.min(workers, count)) { _ in
                while let index = queue.next() {
                    (base.pointer + index).initialize(to: transform(items[index]))
                }
            }
            initialized = count
        }
    }
}

/// Hands out 0, 1, 2, … up to `count` to whichever thread asks next.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private let count: Int

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.withLock {
            guard taken < count else { return nil }
            defer { taken += 1 }
            return taken
        }
    }
}

/// Each worker writes only its own slots of the result, so sharing the pointer is safe.
private struct SendableBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
