/// CRC-32 (ISO 3309, the reflected polynomial 0xEDB88320), which PNG puts after every chunk.
enum CRC32 {
    /// One entry per byte value, so each input byte costs one lookup rather than eight shifts.
    static let table: [UInt32] = (0..<256).map { byte in
        var remainder = UInt32(byte)
        for _ in 0..<8 {
            remainder = remainder & 1 == 1 ? 0xEDB8_8320 ^ (remainder >> 1) : remainder >> 1
        }
        return remainder
    }

    /// The CRC of `bytes`; pass an earlier result as `previous` to continue over more bytes,
    /// as a chunk's CRC runs over its type and then its data.
    static func checksum(_ bytes: some Sequence<UInt8>, continuing previous: UInt32 = 0) -> UInt32 {
        var crc = ~previous
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }
}

/// Adler-32 (RFC 1950), the checksum a zlib stream ends with.
enum Adler32 {
    static let modulus: UInt32 = 65521
    /// The most bytes whose sums cannot overflow 32 bits before reducing (zlib's NMAX).
    static let bytesBetweenReductions = 5552

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var sum: UInt32 = 1
        var sumOfSums: UInt32 = 0
        for chunkStart in stride(from: 0, to: bytes.count, by: bytesBetweenReductions) {
            for byte in bytes[chunkStart..<min(chunkStart + bytesBetweenReductions, bytes.count)] {
                sum += UInt32(byte)
                sumOfSums += sum
            }
            sum %= modulus
            sumOfSums %= modulus
        }
        return sumOfSums << 16 | sum
    }
}
