/// Packs values into bytes least significant bit first, the order DEFLATE reads them in.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var pending: UInt64 = 0
    private var pendingCount = 0

    /// Appends the low `count` bits of `value` (at most 32).
    mutating func write(_ value: UInt32, count: Int) {
        pending |= UInt64(value) << pendingCount
        pendingCount += count
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Pads with zero bits to the next byte boundary, as stored blocks and the stream's end need.
    mutating func alignToByte() {
        if pendingCount > 0 { write(0, count: 8 - pendingCount) }
    }

    /// Appends whole bytes; the writer must be byte-aligned.
    mutating func append(contentsOf raw: ArraySlice<UInt8>) {
        precondition(pendingCount == 0, "raw bytes need a byte boundary")
        bytes.append(contentsOf: raw)
    }
}
