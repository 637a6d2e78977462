/// RGBA pixels to draw charts on, addressed in CSS pixels and stored at `scale` device pixels
/// each, so one drawing makes an image sharp on high-density screens.
///
/// Edges are anti-aliased by coverage: every device pixel is sampled on a 4 × 4 grid and the
/// colour blended in by the share of samples inside. The shapes of one `fill` call are painted
/// as one region, so where a polyline's segments overlap the colour is not laid on twice.
public struct Canvas: Sendable {
    public static let samplesPerAxis = 4

    public let pixelWidth: Int
    public let pixelHeight: Int
    public let scale: Int
    /// Row by row from the top, as `PNGEncoder` takes them.
    public private(set) var rgba: [UInt8]

    public init(width: Int, height: Int, scale: Int, background: RGBA) {
        precondition(width > 0 && height > 0 && scale > 0, "a canvas needs a positive size and scale")
        pixelWidth = width * scale
        pixelHeight = height * scale
        self.scale = scale
        rgba = Array(
            repeatElement(
                [background.red, background.green, background.blue, background.alpha],
                count: pixelWidth * pixelHeight
            ).joined())
    }

    /// The device pixel at column `x`, row `y`.
    public func pixel(x: Int, y: Int) -> RGBA {
        RGBA(rgba, at: (y * pixelWidth + x) * 4)
    }

    public func png() -> [UInt8] {
        PNGEncoder.encode(width: pixelWidth, height: pixelHeight, rgba: rgba)
    }

    /// Paints the union of `shapes` in `colour`, at `opacity` where fully covered.
    public mutating func fill(_ shapes: [Shape], colour: RGBA, opacity: Double = 1) {
        let samples = Self.samplesPerAxis
        let deviceScale = Double(scale)
        let boxes = shapes.map { shape in
            (
                rows: Self.devicePixels(
                    from: shape.top * deviceScale, to: shape.bottom * deviceScale, limit: pixelHeight),
                columns: Self.devicePixels(
                    from: shape.left * deviceScale, to: shape.right * deviceScale, limit: pixelWidth)
            )
        }
        guard let top = boxes.map(\.rows.lowerBound).min(), let bottom = boxes.map(\.rows.upperBound).max(),
            let left = boxes.map(\.columns.lowerBound).min(), let right = boxes.map(\.columns.upperBound).max(),
            top < bottom, left < right
        else { return }
        // One bit per sample over the box the shapes share, so a sample inside two shapes counts once.
        let boxWidth = right - left
        var coverage = [UInt16](repeating: 0, count: boxWidth * (bottom - top))
        for (shape, box) in zip(shapes, boxes) {
            for row in box.rows {
                for column in box.columns {
                    var mask = coverage[(row - top) * boxWidth + column - left]
                    for sampleRow in 0..<samples {
                        let y = (Double(row) + (Double(sampleRow) + 0.5) / Double(samples)) / deviceScale
                        for sampleColumn in 0..<samples {
                            let bit: UInt16 = 1 << (sampleRow * samples + sampleColumn)
                            let x = (Double(column) + (Double(sampleColumn) + 0.5) / Double(samples)) / deviceScale
                            if mask & bit == 0, shape.contains(x, y) { mask |= bit }
                        }
                    }
                    coverage[(row - top) * boxWidth + column - left] = mask
                }
            }
        }
        for row in top..<bottom {
            for column in left..<right {
                let mask = coverage[(row - top) * boxWidth + column - left]
                guard mask != 0 else { continue }
                let share = Double(mask.nonzeroBitCount) / Double(samples * samples)
                blend(
                    colour, alpha: share * opacity * Double(colour.alpha) / 255, intoPixelAt: row * pixelWidth + column)
            }
        }
    }

    /// The device pixels a span of device coordinates touches, kept inside the canvas.
    private static func devicePixels(from start: Double, to end: Double, limit: Int) -> Range<Int> {
        let first = min(limit, max(0, Int(start.rounded(.down))))
        return first..<max(first, min(limit, Int(end.rounded(.up))))
    }

    /// Porter-Duff "over" with straight alpha, rounded to the nearest 8-bit value.
    private mutating func blend(_ colour: RGBA, alpha sourceAlpha: Double, intoPixelAt index: Int) {
        let offset = index * 4
        let destinationAlpha = Double(rgba[offset + 3]) / 255
        let resultAlpha = sourceAlpha + destinationAlpha * (1 - sourceAlpha)
        guard resultAlpha > 0 else { return }
        for (channel, source) in [colour.red, colour.green, colour.blue].enumerated() {
            let mixed =
                (Double(source) * sourceAlpha + Double(rgba[offset + channel]) * destinationAlpha * (1 - sourceAlpha))
                / resultAlpha
            rgba[offset + channel] = UInt8(mixed.rounded())
        }
        rgba[offset + 3] = UInt8((resultAlpha * 255).rounded())
    }
}
