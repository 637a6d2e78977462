import Foundation
import KPIModel
import Testing
@testable import KPIRender

// MARK: - Helpers

/// SplitMix64: a seeded generator, so the random inputs are the same on every run.
private struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

private struct Chunk {
    let type: String
    let data: [UInt8]
    let storedCRC: UInt32
}

/// Splits a PNG after its signature into chunks, without checking them.
private func chunks(of png: [UInt8]) -> [Chunk] {
    func bigEndian(_ offset: Int) -> UInt32 { png[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
    var result: [Chunk] = []
    var offset = PNGEncoder.signature.count
    while offset + 12 <= png.count {
        let length = Int(bigEndian(offset))
        let dataStart = offset + 8
        result.append(Chunk(type: String(decoding: png[offset + 4..<dataStart], as: UTF8.self),
                            data: Array(png[dataStart..<dataStart + length]),
                            storedCRC: bigEndian(dataStart + length)))
        offset = dataStart + length + 4
    }
    return result
}

private struct Header: Equatable {
    var width: Int
    var height: Int
    var bitDepth: UInt8
    var colourType: UInt8
}

private func header(of png: [UInt8]) throws -> Header {
    let data = try #require(chunks(of: png).first { $0.type == "IHDR" }).data
    func bigEndian(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return Header(width: bigEndian(0), height: bigEndian(4), bitDepth: data[8], colourType: data[9])
}

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

private let sampleSparkline = EmailChart.sparkline(
    values: [25.8, 24.9, 24.1, 23.5, nil, 22.8, 21.0, 20.2, 19.9, 19.1, 18.8, 18.5],
    markLatest: .improvement, target: 20, band: nil)

private let sampleBars = EmailChart.bars(
    [("Leicestershire", 18.5, "18.5%"), ("Neighbours", 21.0, "21.0%"), ("England", 21.9, "21.9%")], highlight: 0)

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
        var generator = SeededGenerator(state: 7)
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

private let python3: String? = ProcessInfo.processInfo.environment["PATH"]?
    .split(separator: ":")
    .map { "\($0)/python3" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs `script` with python3 on `input` (passed as a file path) and returns what it prints.
private func runPython(_ script: String, input: [UInt8]) throws -> [UInt8] {
    let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("kpidash-png-\(UUID().uuidString)")
    try Data(input).write(to: inputFile)
    defer { try? FileManager.default.removeItem(at: inputFile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(python3))
    process.arguments = ["-c", script, inputFile.path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 failed: \(complaint)")
    return Array(printed)
}

private let zlibDecompressScript = """
import sys, zlib
sys.stdout.buffer.write(zlib.decompress(open(sys.argv[1], "rb").read()))
"""

/// A PNG reader written from the specification, independent of the encoder: it checks every
/// CRC, inflates IDAT with Python's zlib, undoes the row filters, expands palette entries and
/// prints the pixels as RGBA.
private let pngDecodeScript = #"""
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "bad signature"
pos, chunks = 8, []
while pos < len(data):
    n, = struct.unpack(">I", data[pos:pos + 4]); kind = data[pos + 4:pos + 8]; body = data[pos + 8:pos + 8 + n]
    assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0], "bad CRC in %r" % kind
    chunks.append((kind, body)); pos += 12 + n
assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND", "IHDR must come first and IEND last"
w, h, depth, ctype, method, filtering, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
assert (method, filtering, interlace) == (0, 0, 0)
plte = b"".join(b for k, b in chunks if k == b"PLTE"); trns = b"".join(b for k, b in chunks if k == b"tRNS")
raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
channels = {2: 3, 3: 1, 6: 4}[ctype]; bpp = max(1, channels * depth // 8); stride = (w * channels * depth + 7) // 8
assert len(raw) == h * (stride + 1), "wrong amount of image data"
rows, prev = [], bytearray(stride)
for y in range(h):
    f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    assert f <= 4, "bad filter type"
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
out = bytearray()
for line in rows:
    for x in range(w):
        if ctype == 3:
            bit = x * depth; index = (line[bit // 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1)
            assert 3 * index < len(plte), "index outside the palette"
            out += plte[3 * index:3 * index + 3] + bytes([trns[index] if index < len(trns) else 255])
        elif ctype == 2: out += line[3 * x:3 * x + 3] + b"\xff"
        else: out += line[4 * x:4 * x + 4]
sys.stdout.buffer.write(out)
"""#

@Suite(.enabled(if: python3 != nil, "python3 is not on PATH: skipping decoding with an independent zlib"))
struct IndependentDecodingTests {
    static let zlibInputs: [(name: String, bytes: [UInt8])] = {
        var generator = SeededGenerator(state: 2017)
        let noise = (0..<150_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Mostly a few byte values, some very rare: long Huffman codes that must be limited to 15 bits.
        let skewed = (0..<60_000).map { _ in UInt8(min(255, (UInt64.random(in: 1...UInt64.max, using: &generator)).leadingZeroBitCount * 3)) }
        let sentences = (0..<3_000).map { index in "Re-referrals within 12 months: \(index % 37)% in month \(index % 12 + 1).\n" }
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
        let inflated = try runPython(zlibDecompressScript, input: Zlib.compress(input.bytes))
        #expect(inflated == input.bytes, "\(input.name): \(inflated.count) bytes back for \(input.bytes.count)")
    }

    @Test func pythonDecodesAnIndexedSparkline() throws {
        let canvas = EmailChart.sparklineCanvas(values: [25.8, 24.9, nil, 23.5, 22.8, 18.5], markLatest: .concern,
                                                target: 20, band: 19...21, width: 120, height: 32, scale: 2)
        #expect(try header(of: canvas.png()).colourType == 3)
        #expect(try runPython(pngDecodeScript, input: canvas.png()) == canvas.rgba)
    }

    @Test func pythonDecodesAFourBitBarChart() throws {
        let canvas = EmailChart.barsCanvas([("A", 3, "3"), ("B", nil, "no figure"), ("C", 0, "0"), ("D", 5, "5"), ("E", -2, "-2")],
                                           highlight: 3, width: 360, scale: 2)
        #expect(try header(of: canvas.png()).bitDepth < 8)
        #expect(try runPython(pngDecodeScript, input: canvas.png()) == canvas.rgba)
    }

    @Test func pythonDecodesFilteredTruecolour() throws {
        let opaque = gradient(width: 97, height: 61) { _, _ in 255 }
        let png = PNGEncoder.encode(width: 97, height: 61, rgba: opaque)
        #expect(try header(of: png).colourType == 2)
        #expect(try runPython(pngDecodeScript, input: png) == opaque)
    }

    @Test func pythonDecodesTruecolourWithAlpha() throws {
        let translucent = gradient(width: 50, height: 40) { x, y in UInt8((x * y) % 256) }
        let png = PNGEncoder.encode(width: 50, height: 40, rgba: translucent)
        #expect(try header(of: png).colourType == 6)
        #expect(try runPython(pngDecodeScript, input: png) == translucent)
    }

    @Test func pythonDecodesAPaletteWithTransparency() throws {
        let pixels: [UInt8] = [255, 0, 0, 255, 0, 0, 255, 128, 0, 0, 0, 0, 255, 0, 0, 255, 9, 9, 9, 255, 0, 0, 255, 128]
        let png = PNGEncoder.encode(width: 3, height: 2, rgba: pixels)
        #expect(chunks(of: png).map(\.type) == ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"])
        #expect(try runPython(pngDecodeScript, input: png) == pixels)
    }
}

// MARK: - PNG structure

@Suite struct PNGEncoderTests {
    @Test func sparklineHasSignatureChunksInOrderAndValidCRCs() {
        #expect(Array(sampleSparkline.prefix(8)) == [137, 80, 78, 71, 13, 10, 26, 10])
        let found = chunks(of: sampleSparkline)
        #expect(found.map(\.type) == ["IHDR", "PLTE", "IDAT", "IEND"])
        for chunk in found {
            #expect(chunk.storedCRC == CRC32.checksum(Array(chunk.type.utf8) + chunk.data), "CRC of \(chunk.type)")
        }
        #expect(found.map { 12 + $0.data.count }.reduce(8, +) == sampleSparkline.count, "no bytes after IEND")
    }

    @Test func headerGivesTheScaledSizeAndAnIndexedFormat() throws {
        let data = try #require(chunks(of: sampleSparkline).first).data
        #expect(data.count == 13)
        #expect(try header(of: sampleSparkline) == Header(width: 240, height: 64, bitDepth: 8, colourType: 3))
        #expect(Array(data[10...12]) == [0, 0, 0], "DEFLATE, adaptive filtering, no interlace")
    }

    @Test func scaleMultipliesThePixelSize() throws {
        let sharp = EmailChart.sparkline(values: [1, 2, 3], markLatest: nil, target: nil, band: nil, scale: 3)
        #expect(try header(of: sharp).width == 360)
        #expect(try header(of: sharp).height == 96)
        let bars = EmailChart.bars([("A", 1, "1")], highlight: nil, width: 100, scale: 1)
        #expect(try header(of: bars).width == 100)
        #expect(try header(of: bars).height == BarsLayout.height(rows: 1))
    }

    @Test func opaqueImagesWithManyColoursDropTheAlphaChannel() throws {
        let png = PNGEncoder.encode(width: 64, height: 64, rgba: gradient(width: 64, height: 64) { _, _ in 255 })
        #expect(try header(of: png) == Header(width: 64, height: 64, bitDepth: 8, colourType: 2))
    }

    @Test func twoColoursTakeOneBitPerPixel() throws {
        let checkerboard = (0..<64).flatMap { index -> [UInt8] in (index / 8 + index) % 2 == 0 ? [0, 0, 0, 255] : [255, 255, 255, 255] }
        #expect(try header(of: PNGEncoder.encode(width: 8, height: 8, rgba: checkerboard)).bitDepth == 1)
    }

    @Test func sameInputGivesTheSameBytes() {
        let again = EmailChart.sparkline(values: [25.8, 24.9, 24.1, 23.5, nil, 22.8, 21.0, 20.2, 19.9, 19.1, 18.8, 18.5],
                                         markLatest: .improvement, target: 20, band: nil)
        #expect(again == sampleSparkline)
        let gradientPixels = gradient(width: 40, height: 30) { x, _ in UInt8(x) }
        #expect(PNGEncoder.encode(width: 40, height: 30, rgba: gradientPixels) == PNGEncoder.encode(width: 40, height: 30, rgba: gradientPixels))
    }

    @Test func flatImageCompressesToUnderOnePercentOfRaw() {
        let width = 400, height = 300
        let flat = Array(repeatElement([UInt8](arrayLiteral: 0xF3, 0xF2, 0xF1, 0xFF), count: width * height).joined())
        let png = PNGEncoder.encode(width: width, height: height, rgba: flat)
        #expect(png.count * 100 < flat.count, "\(png.count) bytes for \(flat.count) raw")
    }

    @Test func typicalChartsAreSmallEnoughForEmail() {
        #expect(sampleSparkline.count < 1_500, "sparkline is \(sampleSparkline.count) bytes")
        #expect(sampleBars.count < 1_500, "bar chart is \(sampleBars.count) bytes")
    }
}

// MARK: - Email charts

@Suite struct EmailSparklineTests {
    static let width = 120, height = 32, scale = 2

    private func canvas(_ values: [Double?], marker: SpecialCauseMarker? = nil, target: Double? = nil,
                        band: ClosedRange<Double>? = nil) -> Canvas {
        EmailChart.sparklineCanvas(values: values, markLatest: marker, target: target, band: band,
                                   width: Self.width, height: Self.height, scale: Self.scale)
    }

    private func layout(_ values: [Double?], target: Double? = nil, band: ClosedRange<Double>? = nil) -> SparklineLayout {
        SparklineLayout(values: values, target: target, band: band, width: Self.width, height: Self.height)
    }

    /// The device pixel under a point given in CSS pixels.
    private func pixel(_ canvas: Canvas, x: Double, y: Double) -> RGBA {
        canvas.pixel(x: Int(x * Double(Self.scale)), y: Int(y * Double(Self.scale)))
    }

    private func isBlank(_ canvas: Canvas, deviceColumn: Int) -> Bool {
        (0..<canvas.pixelHeight).allSatisfy { canvas.pixel(x: deviceColumn, y: $0) == .white }
    }

    @Test func aGapBreaksTheLineInsteadOfDroppingToZero() {
        let values: [Double?] = [10, 12, nil, 14, 16]
        let drawn = canvas(values)
        let positions = layout(values)
        // Clear of the round line ends and the dots on either side of the gap.
        let clearStart = Int((positions.x(1) + SparklineLayout.lineWidth) * Double(Self.scale)) + 1
        let clearEnd = Int((positions.x(3) - SparklineLayout.lineWidth) * Double(Self.scale)) - 1
        #expect(clearEnd - clearStart > 10)
        for column in clearStart...clearEnd {
            #expect(isBlank(drawn, deviceColumn: column), "column \(column) lies in the gap")
        }
        let midFirstSegment = Int((positions.x(0) + positions.x(1)) / 2 * Double(Self.scale))
        #expect(!isBlank(drawn, deviceColumn: midFirstSegment), "the line either side of the gap is drawn")
    }

    @Test func aValueBetweenTwoGapsIsADot() {
        let values: [Double?] = [10, nil, 12, nil, 14]
        let positions = layout(values)
        #expect(pixel(canvas(values), x: positions.x(2), y: positions.y(12)) == RGBA(hex: ChartPalette.secondary))
    }

    @Test(arguments: SpecialCauseMarker.allCases)
    func theLatestPointCarriesTheMarkerColour(marker: SpecialCauseMarker) {
        let values: [Double?] = [10, 14, 12, 15, 11]
        let positions = layout(values)
        let centre = pixel(canvas(values, marker: marker), x: positions.x(4), y: positions.y(11))
        #expect(centre == RGBA(hex: marker.colour))
    }

    /// The markers differ in shape, not colour alone: probe a square's corner and a triangle's apex and base corner.
    @Test func markerShapesDiffer() {
        let values: [Double?] = [10, 14, 12, 15, 13]
        let positions = layout(values)
        let (x, y) = (positions.x(4), positions.y(13))
        // On the device grid, so each probe below names one whole device pixel (half a CSS pixel square).
        #expect((x * Double(Self.scale)).rounded() == x * Double(Self.scale))
        #expect((y * Double(Self.scale)).rounded() == y * Double(Self.scale))
        let corner = (x: x + 2.6, y: y + 2.6)
        let belowApex = (x: x + 0.1, y: y - 3.4)
        let baseCorner = (x: x - 3.9, y: y + 2.6)
        func colourAt(_ point: (x: Double, y: Double), _ marker: SpecialCauseMarker) -> RGBA {
            pixel(canvas(values, marker: marker), x: point.x, y: point.y)
        }
        #expect(colourAt(corner, .neutral) == RGBA(hex: SpecialCauseMarker.neutral.colour))
        #expect(colourAt(corner, .improvement) != RGBA(hex: SpecialCauseMarker.improvement.colour))
        #expect(colourAt(belowApex, .concern) == RGBA(hex: SpecialCauseMarker.concern.colour))
        #expect(colourAt(belowApex, .neutral) != RGBA(hex: SpecialCauseMarker.neutral.colour))
        #expect(colourAt(baseCorner, .concern) == RGBA(hex: SpecialCauseMarker.concern.colour))
        #expect(colourAt(baseCorner, .improvement) != RGBA(hex: SpecialCauseMarker.improvement.colour))
    }

    @Test func withoutASpecialCauseTheLatestPointIsABlackDot() {
        let values: [Double?] = [10, 14, 12, 15, 11, nil]
        let positions = layout(values)
        #expect(pixel(canvas(values), x: positions.x(4), y: positions.y(11)) == RGBA(hex: ChartPalette.series))
    }

    @Test func theTargetIsADashedGreenLine() {
        let values: [Double?] = [10, 14, 12, 15, 11]
        let y = layout(values, target: 13).y(13)
        let drawn = canvas(values, target: 13)
        // Left of the first point, where the series is not drawn: a dash, then a gap.
        #expect(pixel(drawn, x: 1, y: y) == RGBA(hex: ChartPalette.target))
        #expect(pixel(drawn, x: SparklineLayout.targetDash + SparklineLayout.targetGap / 2, y: y) == .white)
    }

    @Test func aTargetOutsideTheValuesIsStillInTheChart() {
        let values: [Double?] = [10, 14, 12]
        let y = layout(values, target: 30).y(30)
        #expect(y >= 0 && y <= Double(Self.height))
    }

    @Test func theBandIsALightGreenFill() {
        let values: [Double?] = [10, 14, 12, 15, 11]
        let band = 11.0...13.0
        let positions = layout(values, band: band)
        let inside = pixel(canvas(values, band: band), x: 1, y: positions.y(12))
        #expect(inside != .white)
        #expect(inside.green > inside.red && inside.green > 200, "a light green, not a solid one")
        let outside = pixel(canvas(values, band: band), x: 1, y: positions.y(14.5))
        #expect(outside == .white)
    }

    @Test func noValuesGiveABlankImage() {
        let drawn = canvas([nil, nil])
        #expect((0..<drawn.pixelWidth).allSatisfy { isBlank(drawn, deviceColumn: $0) })
    }
}

@Suite struct EmailBarTests {
    static let width = 360, scale = 2
    static let rows: [(label: String, value: Double?, valueText: String)] = [
        ("Leicestershire", 5, "5"), ("Neighbours", nil, "no figure"), ("England", 0, "0"), ("Highlighted", 8, "8"), ("Negative", -2, "-2"),
    ]

    /// Drawn once: every test reads the same picture.
    static let drawn = EmailChart.barsCanvas(rows, highlight: 3, width: width, scale: scale)
    private let drawn = EmailBarTests.drawn
    private let layout = BarsLayout(rows, width: width, scale: scale)

    /// The device columns of a bar right of the baseline, which is drawn over the foot of every bar.
    private func columnsRightOfBaseline(_ bar: Shape) -> Range<Int> {
        Int(max(bar.left, layout.baseline.right) * Double(Self.scale))..<Int(bar.right * Double(Self.scale))
    }

    /// The device pixels inside a bar's box, right of the baseline.
    private func pixels(in shape: Shape) -> [RGBA] {
        let scale = Double(Self.scale)
        return (Int(shape.top * scale)..<Int(shape.bottom * scale)).flatMap { y in
            columnsRightOfBaseline(shape).map { drawn.pixel(x: $0, y: y) }
        }
    }

    private func rowCentre(_ index: Int) -> Int {
        Int((BarsLayout.padding + (Double(index) + 0.5) * BarsLayout.rowHeight) * Double(Self.scale))
    }

    /// The device columns in row `index`'s band that hold any ink, left to right.
    private func inkedColumns(row index: Int, in columns: Range<Int>) -> [Int] {
        let top = Int((BarsLayout.padding + Double(index) * BarsLayout.rowHeight) * Double(Self.scale))
        let bottom = top + Int(BarsLayout.rowHeight) * Self.scale
        return columns.filter { x in (top..<bottom).contains { drawn.pixel(x: x, y: $0) != .white } }
    }

    @Test func barsAreSolidDarkGrey() throws {
        let bar = try #require(layout.bar(at: 0))
        #expect(Set(pixels(in: bar)) == [RGBA(hex: ChartPalette.secondary)])
    }

    @Test func aMissingValueDrawsNoBarOnlyItsWords() {
        #expect(layout.bar(at: 1) == nil)
        let baselineRight = Int(layout.baseline.right * Double(Self.scale))
        let textLeft = Int((layout.baseline.right + BarsLayout.gap) * Double(Self.scale)) - 1
        #expect(inkedColumns(row: 1, in: baselineRight..<textLeft).isEmpty, "no bar between the zero line and the words")
        #expect(!inkedColumns(row: 1, in: textLeft..<drawn.pixelWidth).isEmpty, "the words \"no figure\"")
    }

    @Test func aZeroIsAThinBarUnlikeAMissingValue() throws {
        let bar = try #require(layout.bar(at: 2))
        let justRightOfBaseline = Int(layout.baseline.right * Double(Self.scale))
        #expect(drawn.pixel(x: justRightOfBaseline, y: rowCentre(2)) == RGBA(hex: ChartPalette.secondary))
        #expect(bar.right - bar.left == BarsLayout.minimumBarLength)
    }

    @Test func theHighlightedBarHasAPatternAndASolidEdge() throws {
        let bar = try #require(layout.bar(at: 3))
        let inside = pixels(in: bar)
        #expect(inside.contains(RGBA(hex: ChartPalette.series)))
        #expect(inside.contains(.white), "hatching, so the highlight does not rest on colour alone")
        #expect(!inside.contains(RGBA(hex: ChartPalette.secondary)))
        let edgeRow = Int(bar.top * Double(Self.scale))
        #expect(columnsRightOfBaseline(bar).allSatisfy { drawn.pixel(x: $0, y: edgeRow) == RGBA(hex: ChartPalette.series) })
    }

    @Test func negativeValuesHangLeftOfTheBaseline() throws {
        let bar = try #require(layout.bar(at: 4))
        #expect(bar.right <= layout.baseline.right)
        #expect(bar.left < layout.baseline.left)
    }

    @Test func longestBarLeavesRoomForItsValue() throws {
        let bar = try #require(layout.bar(at: 3))
        let valueLeft = Int((bar.right + BarsLayout.gap) * Double(Self.scale))
        let ink = inkedColumns(row: 3, in: valueLeft..<drawn.pixelWidth)
        #expect(!ink.isEmpty, "the value is written past the bar")
        #expect((ink.last ?? .max) < drawn.pixelWidth - Int(BarsLayout.padding) * Self.scale, "and inside the image")
    }

    @Test func everyRowIsLabelledLeftOfTheBars() {
        let labelColumns = 0..<Int(layout.horizontal.rangeStart * Double(Self.scale))
        for row in Self.rows.indices {
            #expect(!inkedColumns(row: row, in: labelColumns).isEmpty, "row \(row) has a label")
        }
        let bars = layout.horizontal.rangeStart...layout.horizontal.rangeEnd
        #expect(Self.rows.indices.compactMap(layout.bar(at:)).allSatisfy { bars.contains($0.left) && bars.contains($0.right) })
    }

    @Test func textIsInTheTextColour() {
        let labelColumns = 0..<Int(layout.horizontal.rangeStart * Double(Self.scale))
        let top = Int(BarsLayout.padding) * Self.scale
        let colours = Set(labelColumns.flatMap { x in (top..<top + Int(BarsLayout.rowHeight) * Self.scale).map { drawn.pixel(x: x, y: $0) } })
        #expect(colours == [.white, RGBA(hex: ChartPalette.series)], "crisp: every font pixel is whole device pixels")
    }
}

@Suite struct BitmapTextTests {
    @Test func widthCountsGlyphsAndTheGapsBetweenThem() {
        #expect(BitmapText("").width == 0)
        #expect(BitmapText("1").width == 5)
        #expect(BitmapText("18.5%").width == 5 * 6 - 1)
    }

    @Test func longTextEndsInAnEllipsisWithinTheLimit() {
        #expect(BitmapText("Bournemouth, Christchurch and Poole", maximumCharacters: 16).width == 16 * 6 - 1)
        #expect(BitmapText("Leicestershire", maximumCharacters: 16).width == 14 * 6 - 1)
    }

    @Test func glyphsAreTheDotMatrixShapes() {
        // "1": a foot, a stem in the middle column and a flag at the top left.
        let squares = BitmapText("1").shapes(left: 0, top: 0, pixelSize: 1).map { [Int($0.left), Int($0.top)] }
        #expect(Set(squares) == [[1, 1], [2, 0], [2, 1], [2, 2], [2, 3], [2, 4], [2, 5], [2, 6], [1, 6], [3, 6]])
    }

    @Test func accentsDropAndUnknownCharactersDrawAsAQuestionMark() {
        let plain = BitmapText("Cafe").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] }
        #expect(BitmapText("Café").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] } == plain)
        let question = BitmapText("?").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] }
        #expect(BitmapText("\u{4E2D}").shapes(left: 0, top: 0, pixelSize: 1).map { [$0.left, $0.top] } == question)
    }
}

// MARK: - Golden files

@Suite struct PNGGoldenTests {
    @Test func sparkline() throws {
        try expectMatchesGolden(sampleSparkline, named: "png/sparkline.png")
    }

    @Test func bars() throws {
        try expectMatchesGolden(sampleBars, named: "png/bars.png")
    }

    /// A long name cut short, a missing comparator in words, days with a count unit.
    @Test func barsWithALongNameAndNoFigure() throws {
        let bars = EmailChart.bars([("Bournemouth, Christchurch and Poole", 517, "517 days"), ("Neighbours", 549, "549 days"),
                                    ("England", nil, "no figure")], highlight: 0)
        try expectMatchesGolden(bars, named: "png/bars-no-figure.png")
    }
}
