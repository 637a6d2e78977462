/// The colours, dash patterns and marker shapes every chart draws with.
///
/// Each colour that carries meaning has at least 3:1 contrast against white, as WCAG 2.2 AA
/// asks of graphical objects (1.4.11); ratios are in the comments. Colours come from the GOV.UK
/// palette. The Making Data Count orange (#fab428, 1.8:1) fails, so concern uses a darker
/// orange. No meaning rests on colour alone: lines differ by dash pattern too, and special-cause
/// points by shape.
public enum ChartPalette {
    /// GOV.UK black, 19.6:1: the series itself, and all text.
    public static let series = "#0b0c0c"
    /// GOV.UK dark grey, 7.1:1: axis lines, tick labels, SPC mean and process limits.
    public static let secondary = "#505a5f"
    /// GOV.UK mid grey, 2.1:1: gridlines only, which are decoration; the values are in the table.
    public static let gridline = "#b1b4b6"
    /// GOV.UK green, 6.2:1: the target line and the edges of a target band.
    public static let target = "#00703c"
    /// GOV.UK bright purple-pink, 7.2:1: statistical neighbours.
    public static let statisticalNeighbours = "#912b88"
    /// GOV.UK dark blue, 12.4:1: England.
    public static let england = "#003078"
    /// GOV.UK blue, 5.2:1: special cause of improvement (blue, as in Making Data Count).
    public static let improvement = "#1d70b8"
    /// Dark orange, 5.4:1: special cause of concern (Making Data Count's orange, darkened).
    public static let concern = "#a35600"
    /// GOV.UK purple, 10.1:1: special cause that is neither improvement nor concern.
    public static let neutral = "#4c2c92"

    /// Dash patterns, so lines stay apart in greyscale print and for people who cannot tell the colours apart.
    public static let processLimitDash = "6 4"
    public static let statisticalNeighboursDash = "12 4 3 4"
    public static let englandDash = "2 4"

    /// GOV.UK's typeface stack, falling back to what every system has.
    public static let fontFamily = "GDS Transport, Arial, sans-serif"
}

/// A special-cause variation signal, as a chart marks it: each with its own shape and colour.
public enum SpecialCauseMarker: String, Sendable, CaseIterable {
    case improvement
    case concern
    case neutral

    /// The words shown in the legend, so the meaning never rests on shape or colour.
    public var legendText: String {
        switch self {
        case .improvement: "Special cause: improvement"
        case .concern: "Special cause: concern"
        case .neutral: "Special cause: neither improvement nor concern"
        }
    }

    var colour: String {
        switch self {
        case .improvement: ChartPalette.improvement
        case .concern: ChartPalette.concern
        case .neutral: ChartPalette.neutral
        }
    }

    /// Draws the marker centred on (`x`, `y`): a circle, a triangle or a square of similar area.
    func draw(into writer: inout SVGWriter, x: Double, y: Double) {
        let outline: SVGValue = "#ffffff"
        switch self {
        case .improvement:
            writer.element(
                "circle",
                [
                    "cx": .number(x), "cy": .number(y), "r": 5.5,
                    "fill": .text(colour), "stroke": outline, "stroke-width": 1.5,
                ])
        case .concern:
            let points = [(x, y - 7), (x + 7, y + 5), (x - 7, y + 5)]
                .map { SVGWriter.number($0.0) + "," + SVGWriter.number($0.1) }
                .joined(separator: " ")
            writer.element(
                "polygon",
                [
                    "points": .text(points),
                    "fill": .text(colour), "stroke": outline, "stroke-width": 1.5,
                ])
        case .neutral:
            writer.element(
                "rect",
                [
                    "x": .number(x - 5), "y": .number(y - 5), "width": 10, "height": 10,
                    "fill": .text(colour), "stroke": outline, "stroke-width": 1.5,
                ])
        }
    }
}
