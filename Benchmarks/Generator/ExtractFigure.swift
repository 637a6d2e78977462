import KPIModel
import Toolkit

/// How one figure is written in the extract: the cell forms a council's extract really has.
enum ExtractFigure {
    /// A footnote on about one row in 250; some need quotes, one holds a line break.
    static let notes = [
        "Provisional",
        "Manual count, not yet validated",
        "Revised after the \"Mosaic\" data cleanse",
        "Includes UASC; see footnote 3",
        "Null return from provider",
        "Recording lag:\r\nfigures for this month may rise",
    ]

    /// The missing markers and how often each appears among the 2% of figures that are not plain numbers.
    private enum Marker: CaseIterable {
        case blank, suppressed, notAvailable, notApplicable, lowReliability
        static let weights = [0.35, 0.25, 0.2, 0.1, 0.1]
    }

    /// Writes the value, numerator, denominator, breakdown and note cells for a figure whose
    /// underlying level is `level` (per 10,000 children for counts).
    static func write(
        level: Double, spec: IndicatorSpec, authority: GeneratedAuthority,
        random: inout SplitMix64, into file: inout CSVFile
    ) {
        if random.chance(0.02) {
            writeMarker(level: level, spec: spec, authority: authority, random: &random, into: &file)
        } else if let denominatorPer10k = spec.denominatorPer10k {
            writeCounts(
                percent: level, denominatorPer10k: denominatorPer10k, spec: spec, authority: authority,
                random: &random, into: &file)
        } else {
            file.field(value(level: level, spec: spec, authority: authority, random: &random))
            file.emptyField()
            file.emptyField()
        }
        file.emptyField()  // breakdown: every figure is the whole-service one
        if random.chance(0.004) {
            file.field(notes[Int(random.unit() * Double(notes.count))])
        } else {
            file.emptyField()
        }
    }

    private static func writeMarker(
        level: Double, spec: IndicatorSpec, authority: GeneratedAuthority,
        random: inout SplitMix64, into file: inout CSVFile
    ) {
        switch Marker.allCases[random.pick(weights: Marker.weights)] {
        case .blank: file.emptyField()
        case .suppressed: file.plainField("c")
        case .notAvailable: file.plainField("x")
        case .notApplicable: file.plainField("z")
        case .lowReliability:
            let shown = spec.unit == .count ? (level * authority.childrenPer10k).rounded() : level
            file.plainField(NumberFormat.fixed(shown, decimals: spec.decimals) + " u")
        }
        file.emptyField()
        file.emptyField()
    }

    /// A percentage as numerator and denominator with a blank value; one in twenty also gives the
    /// value, always agreeing with the counts at display precision.
    private static func writeCounts(
        percent: Double, denominatorPer10k: Double, spec: IndicatorSpec,
        authority: GeneratedAuthority, random: inout SplitMix64, into file: inout CSVFile
    ) {
        let expected = denominatorPer10k * authority.childrenPer10k * (1 + 0.08 * random.normal())
        let denominator = max(0, Int(expected.rounded()))
        guard denominator > 0 else {
            file.plainField("z")  // nothing to count this month: not applicable, never 0%
            file.emptyField()
            file.emptyField()
            return
        }
        let share = percent / 100
        let spreadOfCount = (Double(denominator) * share * (1 - share)).squareRoot()
        let numerator = min(
            denominator, max(0, Int((Double(denominator) * share + spreadOfCount * random.normal()).rounded())))
        if random.chance(0.05) {
            file.plainField(NumberFormat.fixed(100 * Double(numerator) / Double(denominator), decimals: spec.decimals))
        } else {
            file.emptyField()
        }
        file.plainField(String(numerator))
        file.plainField(String(denominator))
    }

    /// The value cell, mostly plain digits, sometimes in the other forms the contract accepts:
    /// `74.9%`, ` 74.9 `, `"1,234"`.
    private static func value(
        level: Double, spec: IndicatorSpec, authority: GeneratedAuthority,
        random: inout SplitMix64
    ) -> String {
        switch spec.unit {
        case .count:
            let mean = level * authority.childrenPer10k
            let count = max(0, (mean + mean.squareRoot() * random.normal()).rounded())
            return count >= 1000 && random.chance(0.2)
                ? NumberFormat.grouped(count, decimals: 0)
                : NumberFormat.fixed(count, decimals: 0)
        case .percent:
            let digits = NumberFormat.fixed(level, decimals: spec.decimals)
            let form = random.unit()
            return form < 0.04 ? digits + "%" : form < 0.06 ? " \(digits) " : digits
        default:
            return NumberFormat.fixed(level, decimals: spec.decimals)
        }
    }
}
