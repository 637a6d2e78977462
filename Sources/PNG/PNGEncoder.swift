/// Writes pixels as a PNG file, the image format every email client shows.
///
/// The pixel format is the smallest that holds the pixels exactly: indexed colour (1, 2, 4 or 8
/// bits a pixel, translucent entries in a tRNS chunk) when there are at most 256 distinct
/// colours, as anti-aliased charts on a plain background usually have; otherwise 8-bit RGB when
/// every pixel is opaque, else 8-bit RGBA. Output depends only on the pixels, byte for byte.
public enum PNGEncoder {
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// `rgba` holds `width × height` pixels row by row from the top, four bytes each (red, green,
    /// blue, then straight, not premultiplied, alpha).
    public static func encode(width: Int, height: Int, rgba: [UInt8]) -> [UInt8] {
        precondition(
            width > 0 && height > 0 && rgba.count == width * height * 4,
            "expected \(width) × \(height) RGBA pixels, got \(rgba.count) bytes")
        let format = PixelFormat(rgba: rgba)
        var png = signature
        appendChunk(
            "IHDR",
            // The compression method (DEFLATE), filter method (adaptive) and interlace method (none) are all 0.
            bigEndian(width) + bigEndian(height) + [format.bitDepth, format.colourType, 0, 0, 0],
            to: &png)
        if case .indexed(let palette, _) = format {
            appendChunk("PLTE", palette.flatMap { [$0.red, $0.green, $0.blue] }, to: &png)
            if let lastTranslucent = palette.lastIndex(where: { $0.alpha < 255 }) {
                appendChunk("tRNS", palette[...lastTranslucent].map(\.alpha), to: &png)
            }
        }
        let scanlines = format.scanlines(rgba: rgba, width: width, height: height)
        let filtered = RowFilter.apply(
            to: scanlines, rowLength: scanlines.count / height,
            bytesPerPixel: format.filterBytesPerPixel, adaptive: format.benefitsFromFiltering)
        appendChunk("IDAT", Zlib.compress(filtered), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Length, type, data, then the CRC of type and data.
    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(data.count) + typeBytes + data
        png += bigEndian(Int(CRC32.checksum(data, continuing: CRC32.checksum(typeBytes))))
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}

/// How the pixels are laid out in the image data, from IHDR's colour type and bit depth.
enum PixelFormat {
    /// Colour type 3: each pixel an index into `palette`, colours in order of first appearance.
    case indexed(palette: [RGBA], bitDepth: Int)
    /// Colour type 2.
    case truecolour
    /// Colour type 6.
    case truecolourWithAlpha

    init(rgba: [UInt8]) {
        var palette: [RGBA] = []
        var seen = Set<RGBA>()
        var opaque = true
        for offset in stride(from: 0, to: rgba.count, by: 4) {
            let colour = RGBA(rgba, at: offset)
            opaque = opaque && colour.alpha == 255
            if palette.count <= 256, seen.insert(colour).inserted { palette.append(colour) }
        }
        if palette.count <= 256 {
            let bitDepth = [1, 2, 4, 8].first { palette.count <= 1 << $0 }!
            self = .indexed(palette: palette, bitDepth: bitDepth)
        } else {
            self = opaque ? .truecolour : .truecolourWithAlpha
        }
    }

    var colourType: UInt8 {
        switch self {
        case .indexed: 3
        case .truecolour: 2
        case .truecolourWithAlpha: 6
        }
    }

    var bitDepth: UInt8 {
        if case .indexed(_, let bitDepth) = self { UInt8(bitDepth) } else { 8 }
    }

    /// The distance filters look back for "the pixel to the left": whole bytes, at least one.
    var filterBytesPerPixel: Int {
        switch self {
        case .indexed: 1
        case .truecolour: 3
        case .truecolourWithAlpha: 4
        }
    }

    /// The PNG specification advises no filtering for indexed images: neighbouring indices are
    /// not similar numbers, so differences only add noise.
    var benefitsFromFiltering: Bool {
        if case .indexed = self { false } else { true }
    }

    /// The image rows packed as the format lays them out, without filter-type bytes. Indexed
    /// pixels narrower than a byte fill it from the most significant bit, each row padded to a byte.
    func scanlines(rgba: [UInt8], width: Int, height: Int) -> [UInt8] {
        switch self {
        case .indexed(let palette, let bitDepth):
            let indexOf = Dictionary(uniqueKeysWithValues: palette.enumerated().map { ($1, UInt8($0)) })
            let rowLength = (width * bitDepth + 7) / 8
            let pixelsPerByte = 8 / bitDepth
            var packed = [UInt8](repeating: 0, count: rowLength * height)
            for y in 0..<height {
                for x in 0..<width {
                    let colour = RGBA(rgba, at: (y * width + x) * 4)
                    let shift = (pixelsPerByte - 1 - x % pixelsPerByte) * bitDepth
                    packed[y * rowLength + x / pixelsPerByte] |= indexOf[colour]! << shift
                }
            }
            return packed
        case .truecolour:
            return stride(from: 0, to: rgba.count, by: 4).flatMap { rgba[$0..<$0 + 3] }
        case .truecolourWithAlpha:
            return rgba
        }
    }
}

/// PNG's per-row filters (PNG §9.2), which turn smooth rows into runs of small numbers that DEFLATE codes well.
enum RowFilter: UInt8, CaseIterable {
    case none = 0
    case sub, up, average, paeth

    /// Each row prefixed with its filter type. Adaptive filtering tries all five and keeps the
    /// row whose bytes, read as signed, have the smallest absolute sum: the specification's heuristic.
    static func apply(to scanlines: [UInt8], rowLength: Int, bytesPerPixel: Int, adaptive: Bool) -> [UInt8] {
        let rowCount = scanlines.count / rowLength
        let zeroRow = [UInt8](repeating: 0, count: rowLength)
        var output: [UInt8] = []
        output.reserveCapacity(scanlines.count + rowCount)
        for row in 0..<rowCount {
            let current = Array(scanlines[row * rowLength..<(row + 1) * rowLength])
            let above = row == 0 ? zeroRow : Array(scanlines[(row - 1) * rowLength..<row * rowLength])
            let candidates = adaptive ? allCases : [.none]
            let filteredRows = candidates.map { ($0, $0.filter(current, above: above, bytesPerPixel: bytesPerPixel)) }
            let best = filteredRows.min { signedMagnitude($0.1) < signedMagnitude($1.1) }!
            output.append(best.0.rawValue)
            output += best.1
        }
        return output
    }

    private static func signedMagnitude(_ bytes: [UInt8]) -> Int {
        bytes.reduce(0) { $0 + Int(Int8(bitPattern: $1).magnitude) }
    }

    func filter(_ row: [UInt8], above: [UInt8], bytesPerPixel: Int) -> [UInt8] {
        row.indices.map { index in
            let left = index >= bytesPerPixel ? row[index - bytesPerPixel] : 0
            let upperLeft = index >= bytesPerPixel ? above[index - bytesPerPixel] : 0
            let prediction: UInt8 =
                switch self {
                case .none: 0
                case .sub: left
                case .up: above[index]
                case .average: UInt8((Int(left) + Int(above[index])) / 2)
                case .paeth: Self.paethPredictor(left: left, above: above[index], upperLeft: upperLeft)
                }
            return row[index] &- prediction
        }
    }

    /// Whichever neighbour is closest to left + above − upper-left, ties in that order.
    private static func paethPredictor(left: UInt8, above: UInt8, upperLeft: UInt8) -> UInt8 {
        let estimate = Int(left) + Int(above) - Int(upperLeft)
        let distanceLeft = abs(estimate - Int(left))
        let distanceAbove = abs(estimate - Int(above))
        let distanceUpperLeft = abs(estimate - Int(upperLeft))
        if distanceLeft <= distanceAbove && distanceLeft <= distanceUpperLeft { return left }
        return distanceAbove <= distanceUpperLeft ? above : upperLeft
    }
}
