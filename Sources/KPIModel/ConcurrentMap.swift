import Dispatch

extension Array where Element: Sendable {
    /// `map` spread over up to `workers` threads, results in the original order, so output built
    /// from it is byte-identical to a sequential run. Authorities and pages are independent,
    /// which is what makes this safe.
    public func concurrentMap<T: Sendable>(workers: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        guard workers > 1, count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = SendableBuffer(buffer.baseAddress!)
            let items = self
            let chunks = Swift.min(workers * 4, count)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk * items.count / chunks
                let end = (chunk + 1) * items.count / chunks
                while index < end {
                    (base.pointer + index).initialize(to: transform(items[index]))
                    index += 1
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
