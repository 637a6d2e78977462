/// The zlib wrapper (RFC 1950) PNG puts around its DEFLATE data: a two-byte header, the
/// compressed stream, and the Adler-32 of the uncompressed bytes, big-endian.
enum Zlib {
    /// CM 8 (DEFLATE) with a 32 KB window, and the check bits that make the header a multiple of 31.
    static let header: [UInt8] = [0x78, 0x9C]

    static func compress(_ input: [UInt8]) -> [UInt8] {
        let adler = Adler32.checksum(input)
        return header + Deflate.compress(input) + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> $0) }
    }
}
