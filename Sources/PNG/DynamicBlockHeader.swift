/// The codes of a dynamic Huffman block, built for its symbol frequencies, and the header that
/// sends them (RFC 1951 §3.2.7): the code lengths, run-length coded, under a third Huffman code.
struct DynamicBlockHeader {
    let literalLengthCode: HuffmanCode
    let distanceCode: HuffmanCode
    /// The header's size in bits, so a block can be priced before it is written.
    let bitCount: Int

    private let literalLengthCount: Int
    private let distanceCount: Int
    private let codeLengthCode: HuffmanCode
    private let codeLengthCodeCount: Int
    private let runLengthCoded: [CodeLengthSymbol]

    /// The order code-length code lengths are sent in, rarest last so the list can stop early.
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init(_ frequencies: SymbolFrequencies) {
        literalLengthCode = HuffmanCode(
            frequencies: Self.withTwoSymbolsAtLeast(frequencies.literalLengths), maximumLength: 15)
        distanceCode = HuffmanCode(frequencies: Self.withTwoSymbolsAtLeast(frequencies.distances), maximumLength: 15)
        literalLengthCount = max(257, (literalLengthCode.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        distanceCount = max(1, (distanceCode.lengths.lastIndex { $0 > 0 } ?? 0) + 1)

        runLengthCoded = Self.runLengthCode(
            Array(literalLengthCode.lengths.prefix(literalLengthCount))
                + distanceCode.lengths.prefix(distanceCount))
        var codeLengthFrequencies = [Int](repeating: 0, count: 19)
        for entry in runLengthCoded { codeLengthFrequencies[entry.symbol] += 1 }
        let codeLengthCode = HuffmanCode(
            frequencies: Self.withTwoSymbolsAtLeast(codeLengthFrequencies), maximumLength: 7)
        self.codeLengthCode = codeLengthCode
        codeLengthCodeCount = max(4, (Self.codeLengthOrder.lastIndex { codeLengthCode.lengths[$0] > 0 } ?? 0) + 1)
        bitCount =
            5 + 5 + 4 + 3 * codeLengthCodeCount
            + runLengthCoded.reduce(0) {
                $0 + codeLengthCode.lengths[$1.symbol] + $1.extraBitCount
            }
    }

    func write(to writer: inout BitWriter) {
        writer.write(UInt32(literalLengthCount - 257), count: 5)
        writer.write(UInt32(distanceCount - 1), count: 5)
        writer.write(UInt32(codeLengthCodeCount - 4), count: 4)
        for symbol in Self.codeLengthOrder.prefix(codeLengthCodeCount) {
            writer.write(UInt32(codeLengthCode.lengths[symbol]), count: 3)
        }
        for entry in runLengthCoded {
            codeLengthCode.write(entry.symbol, to: &writer)
            writer.write(entry.extraValue, count: entry.extraBitCount)
        }
    }

    /// A code needs two symbols to be complete; some decoders refuse the one-symbol code that
    /// RFC 1951 allows, so a spare symbol is given a token weight.
    private static func withTwoSymbolsAtLeast(_ frequencies: [Int]) -> [Int] {
        var padded = frequencies
        var symbol = 0
        while padded.filter({ $0 > 0 }).count < 2 {
            if padded[symbol] == 0 { padded[symbol] = 1 }
            symbol += 1
        }
        return padded
    }

    /// Code lengths as symbols 0-15, 16 (repeat the previous length 3-6 times), 17 (3-10 zeros)
    /// and 18 (11-138 zeros).
    private static func runLengthCode(_ lengths: [Int]) -> [CodeLengthSymbol] {
        var coded: [CodeLengthSymbol] = []
        var start = 0
        while start < lengths.count {
            let length = lengths[start]
            var runEnd = start + 1
            while runEnd < lengths.count, lengths[runEnd] == length { runEnd += 1 }
            var remaining = runEnd - start
            if length == 0 {
                while remaining >= 11 {
                    let count = min(138, remaining)
                    coded.append(CodeLengthSymbol(symbol: 18, extraValue: UInt32(count - 11), extraBitCount: 7))
                    remaining -= count
                }
                if remaining >= 3 {
                    coded.append(CodeLengthSymbol(symbol: 17, extraValue: UInt32(remaining - 3), extraBitCount: 3))
                    remaining = 0
                }
            } else {
                coded.append(CodeLengthSymbol(symbol: length))
                remaining -= 1
                while remaining >= 3 {
                    let count = min(6, remaining)
                    coded.append(CodeLengthSymbol(symbol: 16, extraValue: UInt32(count - 3), extraBitCount: 2))
                    remaining -= count
                }
            }
            coded += repeatElement(CodeLengthSymbol(symbol: length), count: remaining)
            start = runEnd
        }
        return coded
    }
}

/// One symbol of the code-length alphabet with the extra bits that give a repeat its count.
struct CodeLengthSymbol {
    var symbol: Int
    var extraValue: UInt32 = 0
    var extraBitCount = 0
}
