import Foundation
import KPITestSupport
import Testing
import Toolkit

@testable import PNG

/// A vertical and horizontal gradient with more than 256 colours, so it is stored as truecolour
/// and goes through the row filters.
private func gradient(width: Int, height: Int, alpha: (Int, Int) -> UInt8) -> [UInt8] {
    var pixels: [UInt8] = []
    for y in 0..<height {
        for x in 0..<width {
            pixels += [UInt8(x * 255 / width), UInt8(y * 255 / height), UInt8((x + y) % 256), alpha(x, y)]
        }
    }
    return pixels
}

// MARK: - Checksums

@Suite struct ChecksumTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func crc32ContinuesAcrossPieces() {
        #expect(CRC32.checksum(Array("6789".utf8), continuing: CRC32.checksum(Array("12345".utf8))) == 0xCBF4_3926)
    }

    @Test func adler32MatchesTheWikipediaExample() {
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    /// Long enough to pass several reductions: a sum computed without them would overflow.
    @Test func adler32OfManyMaximalBytesStaysReduced() {
        // zlib.adler32(b"\xff" * 100000)
        #expect(Adler32.checksum([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)
    }
}

// MARK: - DEFLATE and zlib

@Suite struct DeflateTests {
    @Test func codeLengthsStayWithinTheLimitForSkewedFrequencies() {
        // Fibonacci weights give the deepest possible unlimited tree: one more level per symbol.
        var fibonacci = [1, 1]
        while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        #expect(HuffmanCode(frequencies: fibonacci, maximumLength: 64).lengths.max() == 29)
        let code = HuffmanCode(frequencies: fibonacci, maximumLength: 15)
        #expect(code.lengths.max()! <= 15)
        let kraftSum = code.lengths.reduce(0.0) { $0 + 1 / Double(1 << $1) }
        #expect(kraftSum == 1, "a complete prefix code has a Kraft sum of exactly 1")
    }

    @Test func repetitiveDataCompressesToUnderOnePercent() {
        let zeros = [UInt8](repeating: 0, count: 100_000)
        #expect(Zlib.compress(zeros).count * 100 < zeros.count)
    }

    /// Stored blocks cost 5 bytes each, so incompressible data grows by well under 0.1%.
    @Test func randomDataGrowsOnlyByStoredBlockOverhead() {
        var generator = SplitMix64(seed: 7)
        let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(Zlib.compress(noise).count < noise.count + noise.count / 1000)
    }

    @Test func zlibStreamStartsWithAValidHeader() {
        let stream = Zlib.compress(Array("kpidash".utf8))
        #expect(stream[0] & 0x0F == 8, "compression method 8 is DEFLATE")
        #expect((Int(stream[0]) << 8 | Int(stream[1])) % 31 == 0)
    }
}

// MARK: - Independent decoding with Python

private let zlibDecompressScript = """
    import sys, zlib
    sys.stdout.buffer.write(zlib.decompress(sys.stdin.buffer.read()))
    """

@Suite(.enabled(if: ExternalTool.python.shouldRun, ExternalTool.python.skipped))
struct IndependentDecodingTests {
    static let zlibInputs: [(name: String, bytes: [UInt8])] = {
        var generator = SplitMix64(seed: 2017)
        let noise = (0..<150_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Mostly a few byte values, some very rare: long Huffman codes that must be limited to 15 bits.
        let skewed = (0..<60_000).map { _ in
            UInt8(min(255, (UInt64.random(in: 1...UInt64.max, using: &generator)).leadingZeroBitCount * 3))
        }
        let sentences = (0..<3_000).map { index in
            "Re-referrals within 12 months: \(index % 37)% in month \(index % 12 + 1).\n"
        }
        return [
            ("empty", []),
            ("one byte", [42]),
            ("random", noise),
            ("skewed", skewed),
            ("repetitive text", Array(sentences.joined().utf8)),
            ("long run", [UInt8](repeating: 0xFF, count: 300_000)),
            ("random then repeated", Array(noise.prefix(40_000)) + Array(noise.prefix(40_000))),
        ]
    }()

    @Test(arguments: zlibInputs.indices)
    func pythonZlibInflatesTheStream(inputIndex: Int) throws {
        let input = Self.zlibInputs[inputIndex]
        let inflated = Array(try runPython(zlibDecompressScript, input: Zlib.compress(input.bytes)))
        #expect(inflated == input.bytes, "\(input.name): \(inflated.count) bytes back for \(input.bytes.count)")
    }

    @Test func pythonDecodesFilteredTruecolour() throws {
        let opaque = gradient(width: 97, height: 61) { _, _ in 255 }
        let png = PNGEncoder.encode(width: 97, height: 61, rgba: opaque)
        #expect(try header(of: png).colourType == 2)
        #expect(try decodeWithPython(png) == opaque)
    }

    @Test func pythonDecodesTruecolourWithAlpha() throws {
        let translucent = gradient(width: 50, height: 40) { x, y in UInt8((x * y) % 256) }
        let png = PNGEncoder.encode(width: 50, height: 40, rgba: translucent)
        #expect(try header(of: png).colourType == 6)
        #expect(try decodeWithPython(png) == translucent)
    }

    @Test func pythonDecodesAPaletteWithTransparency() throws {
        let pixels: [UInt8] = [
            255, 0, 0, 255, 0, 0, 255, 128, 0, 0, 0, 0, 255, 0, 0, 255, 9, 9, 9, 255, 0, 0, 255, 128,
        ]
        let png = PNGEncoder.encode(width: 3, height: 2, rgba: pixels)
        #expect(chunks(of: png).map(\.type) == ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"])
        #expect(try decodeWithPython(png) == pixels)
    }
}

// MARK: - Pixel formats

@Suite struct PNGEncoderTests {
    @Test func opaqueImagesWithManyColoursDropTheAlphaChannel() throws {
        let png = PNGEncoder.encode(width: 64, height: 64, rgba: gradient(width: 64, height: 64) { _, _ in 255 })
        #expect(try header(of: png) == PNGHeader(width: 64, height: 64, bitDepth: 8, colourType: 2))
    }

    @Test func twoColoursTakeOneBitPerPixel() throws {
        let checkerboard = (0..<64).flatMap { index -> [UInt8] in
            (index / 8 + index) % 2 == 0 ? [0, 0, 0, 255] : [255, 255, 255, 255]
        }
        #expect(try header(of: PNGEncoder.encode(width: 8, height: 8, rgba: checkerboard)).bitDepth == 1)
    }

    @Test func sameInputGivesTheSameBytes() {
        let gradientPixels = gradient(width: 40, height: 30) { x, _ in UInt8(x) }
        #expect(
            PNGEncoder.encode(width: 40, height: 30, rgba: gradientPixels)
                == PNGEncoder.encode(width: 40, height: 30, rgba: gradientPixels))
    }

    @Test func flatImageCompressesToUnderOnePercentOfRaw() {
        let width = 400
        let height = 300
        let flat = Array(repeatElement([UInt8](arrayLiteral: 0xF3, 0xF2, 0xF1, 0xFF), count: width * height).joined())
        let png = PNGEncoder.encode(width: width, height: height, rgba: flat)
        #expect(png.count * 100 < flat.count, "\(png.count) bytes for \(flat.count) raw")
    }
}
