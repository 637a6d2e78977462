/// A canonical prefix code (RFC 1951 §3.2.2): the code lengths alone fix every code, which is
/// why a dynamic block need only send lengths.
struct HuffmanCode {
    /// Bits per symbol; 0 for a symbol that never occurs.
    let lengths: [Int]
    /// Each symbol's code with its bits reversed, because DEFLATE packs Huffman codes from the
    /// most significant bit while `BitWriter` fills bytes from the least.
    let reversedCodes: [UInt32]

    init(lengths: [Int]) {
        self.lengths = lengths
        let longest = lengths.max() ?? 0
        var countPerLength = [Int](repeating: 0, count: longest + 1)
        for length in lengths where length > 0 { countPerLength[length] += 1 }
        var nextCode = [UInt32](repeating: 0, count: longest + 1)
        var code: UInt32 = 0
        for length in stride(from: 1, through: longest, by: 1) {
            code = (code + UInt32(countPerLength[length - 1])) << 1
            nextCode[length] = code
        }
        reversedCodes = lengths.map { length in
            guard length > 0 else { return 0 }
            defer { nextCode[length] += 1 }
            return Self.reverse(nextCode[length], bitCount: length)
        }
    }

    /// An optimal code for `frequencies` with no code longer than `maximumLength`.
    init(frequencies: [Int], maximumLength: Int) {
        var weights = frequencies
        var lengths = Self.unlimitedLengths(frequencies: weights)
        // Flattening the weights shortens the deepest codes; a few rounds reach any limit DEFLATE sets,
        // since equal weights give a balanced tree. It costs a little compression only on these rare blocks.
        while (lengths.max() ?? 0) > maximumLength {
            weights = weights.map { $0 == 0 ? 0 : max(1, $0 / 2) }
            lengths = Self.unlimitedLengths(frequencies: weights)
        }
        self.init(lengths: lengths)
    }

    func write(_ symbol: Int, to writer: inout BitWriter) {
        writer.write(reversedCodes[symbol], count: lengths[symbol])
    }

    /// Huffman's algorithm by two queues: leaves sorted by weight, then the merged nodes, which
    /// come out already in weight order. Ties go to the lower symbol, so output is deterministic.
    private static func unlimitedLengths(frequencies: [Int]) -> [Int] {
        let leaves = frequencies.indices.filter { frequencies[$0] > 0 }
            .sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        var lengths = [Int](repeating: 0, count: frequencies.count)
        if leaves.count == 1 { lengths[leaves[0]] = 1 }
        guard leaves.count > 1 else { return lengths }

        var weights = leaves.map { frequencies[$0] }
        var parents = [Int](repeating: -1, count: 2 * leaves.count - 1)
        var nextLeaf = 0
        var nextMerged = leaves.count
        func takeLightest() -> Int {
            let useLeaf =
                nextLeaf < leaves.count && (nextMerged == weights.count || weights[nextLeaf] <= weights[nextMerged])
            defer { if useLeaf { nextLeaf += 1 } else { nextMerged += 1 } }
            return useLeaf ? nextLeaf : nextMerged
        }
        for _ in 1..<leaves.count {
            let first = takeLightest()
            let second = takeLightest()
            parents[first] = weights.count
            parents[second] = weights.count
            weights.append(weights[first] + weights[second])
        }
        // A parent is always made after its children, so walking down from the root sees it first.
        var depths = [Int](repeating: 0, count: weights.count)
        for node in stride(from: weights.count - 2, through: 0, by: -1) {
            depths[node] = depths[parents[node]] + 1
        }
        for (leafIndex, symbol) in leaves.enumerated() { lengths[symbol] = depths[leafIndex] }
        return lengths
    }

    private static func reverse(_ code: UInt32, bitCount: Int) -> UInt32 {
        var reversed: UInt32 = 0
        for bit in 0..<bitCount where code & (1 << bit) != 0 {
            reversed |= 1 << (bitCount - 1 - bit)
        }
        return reversed
    }
}
