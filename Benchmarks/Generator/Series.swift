import Foundation
import KPIModel
import Toolkit

/// One authority's made-up monthly series for one indicator: a level set by the authority's need,
/// a drift, sometimes a step change part-way (so SPC finds special causes), and autocorrelated noise.
struct Series {
    /// The series' own stream, keyed by authority and indicator, so it is the same in any run size.
    var random: SplitMix64
    private let level: Double
    private let slopePerMonth: Double
    private let noise: Double
    private let persistence: Double
    private let stepMonth: Int
    private let stepSize: Double
    private let range: ClosedRange<Double>
    private var carried = 0.0

    init(spec: IndicatorSpec, authority: GeneratedAuthority, seed: UInt64, monthCount: Int) {
        var random = SplitMix64(seed: seed, stream: "series", authority.code, spec.id)
        let ownShare = (1 - spec.needEffect * spec.needEffect).squareRoot()
        let offset = spec.needEffect * authority.need + ownShare * random.normal()
        level = max(spec.typical + spec.spread * offset, spec.typical / 4)
        slopePerMonth = (spec.drift + 0.05 * spec.spread * random.normal()) / 12
        // Counts and counted percentages get their sampling noise when the figure is drawn;
        // other figures are noisier the smaller the authority (City of London, Isles of Scilly).
        let smallAuthorityFactor = min(3, (5 / max(authority.childrenPer10k, 0.05)).squareRoot())
        noise = spec.unit == .count || spec.isCounted ? spec.noise : spec.noise * smallAuthorityFactor
        // Rolling rates and three-year averages move slowly: consecutive months share most of their data.
        persistence = spec.unit == .ratePer10k || spec.unit == .days ? 0.85 : 0.4
        if random.chance(0.3) {
            stepMonth = Int(random.uniform(0.2, 0.9) * Double(monthCount))
            stepSize = (random.chance(0.5) ? 1 : -1) * random.uniform(2, 4) * noise
        } else {
            stepMonth = Int.max
            stepSize = 0
        }
        range = spec.plausibleRange
        self.random = random
    }

    /// The underlying figure for month `monthIndex` (0 is the first month); call once per month, in order.
    mutating func next(monthIndex: Int) -> Double {
        carried = persistence * carried + noise * (1 - persistence * persistence).squareRoot() * random.normal()
        let step = monthIndex >= stepMonth ? stepSize : 0
        let value = level + slopePerMonth * Double(monthIndex) + step + carried
        return min(max(value, range.lowerBound), range.upperBound)
    }
}
