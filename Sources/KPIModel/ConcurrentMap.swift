import Dispatch
import Synchronization

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
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: Swift.min(workers, count)) { _ in
                while true {
                    let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < items.count else { return }
                    (base.pointer + index).initialize(to: transform(items[index]))
                }
            }
            initialized = count
        }
    }
}

/// Each worker writes only its own slots of the result, so sharing the pointer is safe.
private struct SendableBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
