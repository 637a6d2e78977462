import PNG

extension SpecialCauseMarker {
    /// The radius of the circle in the SVG markers (`draw(into:x:y:)`), whose geometry this scales.
    private static let svgRadius = 5.5

    /// Paints the marker centred on (`x`, `y`) with a white outline, as the web charts do: the
    /// web markers' circle, triangle and square, scaled so the circle has `radius`.
    func draw(on canvas: inout Canvas, x: Double, y: Double, radius: Double, outline: Double) {
        let unit = radius / Self.svgRadius
        canvas.fill([shape(x: x, y: y, unit: unit, outset: outline)], colour: .white)
        canvas.fill([shape(x: x, y: y, unit: unit, outset: 0)], colour: RGBA(hex: colour))
    }

    private func shape(x: Double, y: Double, unit: Double, outset: Double) -> Shape {
        switch self {
        case .improvement:
            .circle(centreX: x, centreY: y, radius: Self.svgRadius * unit + outset)
        case .concern:
            .convexPolygon(
                [(x, y - 7 * unit), (x + 7 * unit, y + 5 * unit), (x - 7 * unit, y + 5 * unit)], outset: outset)
        case .neutral:
            .rectangle(
                left: x - 5 * unit - outset, top: y - 5 * unit - outset,
                right: x + 5 * unit + outset, bottom: y + 5 * unit + outset)
        }
    }
}
