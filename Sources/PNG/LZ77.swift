/// One step of an LZ77 parse: a literal byte, or a copy of `length` bytes from `distance` back.
struct LZ77Token {
    /// 0 for a literal, otherwise 3...258.
    let length: UInt16
    /// The literal byte, or the distance 1...32768.
    let literalOrDistance: UInt16

    /// How many input bytes the token stands for.
    var inputByteCount: Int { length == 0 ? 1 : Int(length) }

    static func literal(_ byte: UInt8) -> LZ77Token { LZ77Token(length: 0, literalOrDistance: UInt16(byte)) }
    static func copy(length: Int, distance: Int) -> LZ77Token {
        LZ77Token(length: UInt16(length), literalOrDistance: UInt16(distance))
    }
}

/// Finds repeated byte strings with hash chains, as zlib does: each position is filed under a
/// hash of its next three bytes, so only earlier positions that may match are compared.
struct LZ77Parser {
    static let minimumMatch = 3
    static let maximumMatch = 258
    static let window = 32768
    static let hashBits = 15
    /// How many earlier positions to try at most: longer chains buy little on chart images.
    static let maximumChainLength = 128
    /// A match at least this long is taken at once, without looking one byte ahead for a longer one.
    static let lazyMatchCutoff = 32

    private let input: [UInt8]
    /// The most recent position filed under each hash, or -1.
    private var head = [Int32](repeating: -1, count: 1 << hashBits)
    /// For each position, the previous one with the same hash, or -1.
    private var previous: [Int32]
    /// Every position below this one is filed.
    private var filedUpTo = 0

    /// The tokens that reproduce `input`, using lazy matching: a match is put off by one byte
    /// when the next position starts a longer one.
    static func tokens(for input: [UInt8]) -> [LZ77Token] {
        var parser = LZ77Parser(input: input)
        return parser.parse()
    }

    private init(input: [UInt8]) {
        self.input = input
        self.previous = [Int32](repeating: -1, count: input.count)
    }

    private mutating func parse() -> [LZ77Token] {
        var tokens: [LZ77Token] = []
        tokens.reserveCapacity(input.count / 4)
        var position = 0
        var deferredMatch: (length: Int, distance: Int)?
        while position < input.count {
            let match = deferredMatch ?? longestMatch(at: position)
            deferredMatch = nil
            guard match.length >= Self.minimumMatch else {
                tokens.append(.literal(input[position]))
                position += 1
                file(upTo: position)
                continue
            }
            if match.length < Self.lazyMatchCutoff, position + 1 < input.count {
                file(upTo: position + 1)
                let next = longestMatch(at: position + 1)
                if next.length > match.length {
                    tokens.append(.literal(input[position]))
                    position += 1
                    deferredMatch = next
                    continue
                }
            }
            tokens.append(.copy(length: match.length, distance: match.distance))
            position += match.length
            file(upTo: position)
        }
        return tokens
    }

    private func hash(at position: Int) -> Int {
        let mixed = Int(input[position]) << 10 ^ Int(input[position + 1]) << 5 ^ Int(input[position + 2])
        return mixed & (1 << Self.hashBits - 1)
    }

    /// Files every position below `end` that has three bytes to hash.
    private mutating func file(upTo end: Int) {
        while filedUpTo < end {
            if filedUpTo + Self.minimumMatch <= input.count {
                let bucket = hash(at: filedUpTo)
                previous[filedUpTo] = head[bucket]
                head[bucket] = Int32(filedUpTo)
            }
            filedUpTo += 1
        }
    }

    /// The longest earlier copy of the bytes at `position`, searching the positions filed so far.
    private func longestMatch(at position: Int) -> (length: Int, distance: Int) {
        let available = min(Self.maximumMatch, input.count - position)
        guard available >= Self.minimumMatch else { return (0, 0) }
        var best = (length: 0, distance: 0)
        var candidate = Int(head[hash(at: position)])
        var stepsLeft = Self.maximumChainLength
        return input.withUnsafeBufferPointer { bytes in
            while candidate >= 0, position - candidate <= Self.window, stepsLeft > 0 {
                // Checking the byte that would make this match the best first skips most candidates cheaply.
                if bytes[candidate + best.length] == bytes[position + best.length] {
                    var length = 0
                    while length < available, bytes[candidate + length] == bytes[position + length] {
                        length += 1
                    }
                    if length > best.length {
                        best = (length, position - candidate)
                        if length == available { break }
                    }
                }
                candidate = Int(previous[candidate])
                stepsLeft -= 1
            }
            return best
        }
    }
}
