/// DEFLATE compression (RFC 1951): an LZ77 parse, then each block written in whichever of the
/// three block types is smallest — stored (for data that will not compress), the fixed Huffman
/// code, or a Huffman code built for the block and sent in its header.
enum Deflate {
    /// Small enough that each block's code fits its own stretch of the data, large enough that a
    /// dynamic header (typically 60-80 bytes) is spread thin.
    static let tokensPerBlock = 16384
    /// A stored block holds at most this many bytes (its length field is 16 bits).
    static let storedBlockCapacity = 65535

    static func compress(_ input: [UInt8]) -> [UInt8] {
        let tokens = LZ77Parser.tokens(for: input)
        var writer = BitWriter()
        var tokenStart = 0
        var inputStart = 0
        // An empty input still needs one final block.
        repeat {
            let tokenEnd = min(tokenStart + tokensPerBlock, tokens.count)
            let blockTokens = tokens[tokenStart..<tokenEnd]
            let inputEnd = blockTokens.reduce(inputStart) { $0 + $1.inputByteCount }
            writeBlock(
                blockTokens, covering: input[inputStart..<inputEnd],
                isFinal: tokenEnd == tokens.count, to: &writer)
            tokenStart = tokenEnd
            inputStart = inputEnd
        } while tokenStart < tokens.count
        writer.alignToByte()
        return writer.bytes
    }

    private static func writeBlock(
        _ tokens: ArraySlice<LZ77Token>, covering input: ArraySlice<UInt8>,
        isFinal: Bool, to writer: inout BitWriter
    ) {
        let frequencies = SymbolFrequencies(tokens)
        let dynamic = DynamicBlockHeader(frequencies)
        let blockTypeBits = 3
        let fixedBits =
            blockTypeBits
            + frequencies.bitCount(
                literalLengths: FixedCodes.literalLength,
                distances: FixedCodes.distance)
        let dynamicBits =
            blockTypeBits + dynamic.bitCount
            + frequencies.bitCount(literalLengths: dynamic.literalLengthCode, distances: dynamic.distanceCode)
        let storedChunks = max(1, (input.count + storedBlockCapacity - 1) / storedBlockCapacity)
        // Each stored chunk: block type, up to 7 bits of padding, then LEN and NLEN.
        let storedBits = storedChunks * (blockTypeBits + 7 + 32) + 8 * input.count

        if storedBits < min(fixedBits, dynamicBits) {
            writeStored(input, isFinal: isFinal, to: &writer)
        } else if dynamicBits < fixedBits {
            writer.write(isFinal ? 1 : 0, count: 1)
            writer.write(2, count: 2)
            dynamic.write(to: &writer)
            writeTokens(tokens, literalLengths: dynamic.literalLengthCode, distances: dynamic.distanceCode, to: &writer)
        } else {
            writer.write(isFinal ? 1 : 0, count: 1)
            writer.write(1, count: 2)
            writeTokens(tokens, literalLengths: FixedCodes.literalLength, distances: FixedCodes.distance, to: &writer)
        }
    }

    private static func writeStored(_ input: ArraySlice<UInt8>, isFinal: Bool, to writer: inout BitWriter) {
        var chunkStart = input.startIndex
        repeat {
            let chunkEnd = min(chunkStart + storedBlockCapacity, input.endIndex)
            writer.write(isFinal && chunkEnd == input.endIndex ? 1 : 0, count: 1)
            writer.write(0, count: 2)
            writer.alignToByte()
            let length = UInt32(chunkEnd - chunkStart)
            writer.write(length, count: 16)
            writer.write(~length & 0xFFFF, count: 16)
            writer.append(contentsOf: input[chunkStart..<chunkEnd])
            chunkStart = chunkEnd
        } while chunkStart < input.endIndex
    }

    private static func writeTokens(
        _ tokens: ArraySlice<LZ77Token>, literalLengths: HuffmanCode,
        distances: HuffmanCode, to writer: inout BitWriter
    ) {
        for token in tokens {
            guard token.length > 0 else {
                literalLengths.write(Int(token.literalOrDistance), to: &writer)
                continue
            }
            let length = LengthSymbol(length: Int(token.length))
            literalLengths.write(length.symbol, to: &writer)
            writer.write(length.extraValue, count: length.extraBitCount)
            let distance = DistanceSymbol(distance: Int(token.literalOrDistance))
            distances.write(distance.symbol, to: &writer)
            writer.write(distance.extraValue, count: distance.extraBitCount)
        }
        literalLengths.write(SymbolFrequencies.endOfBlock, to: &writer)
    }
}

/// The codes RFC 1951 §3.2.6 fixes, which cost no header.
enum FixedCodes {
    static let literalLength = HuffmanCode(
        lengths: (0..<288).map { symbol in
            switch symbol {
            case 0..<144: 8
            case 144..<256: 9
            case 256..<280: 7
            default: 8
            }
        })
    static let distance = HuffmanCode(lengths: [Int](repeating: 5, count: 30))
}

/// A copy length as a literal/length symbol (257...285) plus extra bits.
struct LengthSymbol {
    static let bases = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let extraBitCounts = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// The code index for every length 0...258, so encoding a copy is a lookup. 258 has its own
    /// code though 227 plus five extra bits could also reach it.
    static let codeIndexByLength: [Int] = {
        var table = [Int](repeating: 0, count: 259)
        for (index, base) in bases.enumerated() {
            for length in base..<min(259, base + 1 << extraBitCounts[index]) { table[length] = index }
        }
        return table
    }()

    let symbol: Int
    let extraValue: UInt32
    let extraBitCount: Int

    init(length: Int) {
        let index = Self.codeIndexByLength[length]
        symbol = 257 + index
        extraValue = UInt32(length - Self.bases[index])
        extraBitCount = Self.extraBitCounts[index]
    }
}

/// A copy distance as a distance symbol (0...29) plus extra bits.
struct DistanceSymbol {
    static let bases = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
        513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let extraBitCounts = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7,
        8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    let symbol: Int
    let extraValue: UInt32
    let extraBitCount: Int

    init(distance: Int) {
        var index = Self.bases.count - 1
        while Self.bases[index] > distance { index -= 1 }
        symbol = index
        extraValue = UInt32(distance - Self.bases[index])
        extraBitCount = Self.extraBitCounts[index]
    }
}

/// How often a block uses each symbol, and how many extra bits its copies need whatever the code.
struct SymbolFrequencies {
    static let endOfBlock = 256
    private(set) var literalLengths = [Int](repeating: 0, count: 286)
    private(set) var distances = [Int](repeating: 0, count: 30)
    private(set) var extraBitCount = 0

    init(_ tokens: ArraySlice<LZ77Token>) {
        literalLengths[Self.endOfBlock] = 1
        for token in tokens {
            guard token.length > 0 else {
                literalLengths[Int(token.literalOrDistance)] += 1
                continue
            }
            let length = LengthSymbol(length: Int(token.length))
            let distance = DistanceSymbol(distance: Int(token.literalOrDistance))
            literalLengths[length.symbol] += 1
            distances[distance.symbol] += 1
            extraBitCount += length.extraBitCount + distance.extraBitCount
        }
    }

    /// The size of the block's body, end-of-block included, under the given codes.
    func bitCount(literalLengths literalLengthCode: HuffmanCode, distances distanceCode: HuffmanCode) -> Int {
        let literalLengthBits = zip(literalLengths, literalLengthCode.lengths).reduce(0) { $0 + $1.0 * $1.1 }
        let distanceBits = zip(distances, distanceCode.lengths).reduce(0) { $0 + $1.0 * $1.1 }
        return literalLengthBits + distanceBits + extraBitCount
    }
}
