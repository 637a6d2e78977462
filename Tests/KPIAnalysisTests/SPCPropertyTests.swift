import KPIAnalysis
import KPIModel
import Testing
import Toolkit

/// The SPC rules written a second time, plainly, straight from `../shared/domain.md` and the
/// README's SPC section, with no code shared with `SPC`: one loop per rule, no precedence tricks.
/// A change to one rule in either place shows as a disagreement on some random series.
private enum ReferenceSPC {
    struct Reading: Equatable {
        var mean: Double, lower: Double, upper: Double
        var signal: SPCSignal
        var rule: SPCRule?
    }

    static func read(_ x: [Double], polarity: Polarity) -> Reading {
        let n = x.count
        var sum = 0.0
        for value in x { sum += value }
        let mean = sum / Double(n)

        var ranges: [Double] = []
        for i in 1..<n { ranges.append(abs(x[i] - x[i - 1])) }
        var rangeSum = 0.0
        for range in ranges { rangeSum += range }
        let unscreened = rangeSum / Double(ranges.count)
        var keptSum = 0.0
        var keptCount = 0
        for range in ranges where range < 3.267 * unscreened {
            keptSum += range
            keptCount += 1
        }
        let sigmaWidth = keptCount == 0 ? unscreened : keptSum / Double(keptCount)
        let upper = mean + 2.66 * sigmaWidth
        let lower = mean - 2.66 * sigmaWidth
        let nearUpper = mean + 2 / 3 * 2.66 * sigmaWidth
        let nearLower = mean - 2 / 3 * 2.66 * sigmaWidth
        let last = x[n - 1]

        // Each rule that holds for the latest point, with the side it points to (true = high).
        var fired: [(rule: SPCRule, high: Bool)] = []
        if last > upper { fired.append((.outsideLimits, true)) }
        if last < lower { fired.append((.outsideLimits, false)) }

        let a = x[n - 3]
        let b = x[n - 2]
        let highCount = (a > nearUpper ? 1 : 0) + (b > nearUpper ? 1 : 0) + 1
        if last > nearUpper && a > mean && b > mean && highCount >= 2 { fired.append((.twoOfThree, true)) }
        let lowCount = (a < nearLower ? 1 : 0) + (b < nearLower ? 1 : 0) + 1
        if last < nearLower && a < mean && b < mean && lowCount >= 2 { fired.append((.twoOfThree, false)) }

        // Trend: walk back from the latest point, skipping ties, counting points that keep moving
        // the latest point's way. A latest point equal to the one before it is in no trend.
        if x[n - 1] != x[n - 2] {
            let rising = x[n - 1] > x[n - 2]
            var points = 1
            var i = n - 1
            while i > 0 {
                if x[i - 1] != x[i] {
                    if (x[i] > x[i - 1]) != rising { break }
                    points += 1
                }
                i -= 1
            }
            if points >= 7 { fired.append((.trend, rising)) }
        }

        var above = 0
        var below = 0
        for value in x.reversed() {
            if value > mean && below == 0 { above += 1 } else { break }
        }
        for value in x.reversed() {
            if value < mean && above == 0 { below += 1 } else { break }
        }
        if above >= 7 { fired.append((.run, true)) }
        if below >= 7 { fired.append((.run, false)) }

        // Rule names in precedence order; when rules point both ways, improvement is reported.
        let order: [SPCRule] = [.outsideLimits, .twoOfThree, .trend, .run]
        fired.sort { order.firstIndex(of: $0.rule)! < order.firstIndex(of: $1.rule)! }
        let improvementIsHigh: Bool? =
            switch polarity {
            case .higher: true
            case .lower: false
            case .band, .neutral: nil
            }
        var chosen = fired.first
        if let improvementIsHigh, let improving = fired.first(where: { $0.high == improvementIsHigh }) {
            chosen = improving
        }
        var signal = SPCSignal.commonCause
        if let chosen {
            if let improvementIsHigh {
                signal = chosen.high == improvementIsHigh ? .specialCauseImprovement : .specialCauseConcern
            } else {
                signal = .specialCauseNeutral
            }
        }
        return Reading(mean: mean, lower: lower, upper: upper, signal: signal, rule: chosen?.rule)
    }
}

@Suite struct SPCPropertyTests {
    /// Series shaped to hit every rule often: small integers (ties, points on the mean), random
    /// walks (runs), noise with a late shift (points beyond the limits) and noise ending in a
    /// steady climb or fall with ties in it, from above or below the mean (trends, alone or
    /// against a run).
    private static func series(_ random: inout SplitMix64) -> [Double] {
        let count = 6 + Int(random.next() % 31)
        switch random.next() % 4 {
        case 0:
            return (0..<count).map { _ in Double(random.next() % 5) }
        case 1:
            var level = 10.0
            return (0..<count).map { _ in
                level += Double(Int(random.next() % 5) - 2)
                return level
            }
        case 2:
            let tail = 6 + Int(random.next() % 4)
            let step = random.chance(0.5) ? 1.0 : -1.0
            var level = -step * Double(random.next() % 16)
            let baseline = (0..<count).map { _ in Double(Int(random.next() % 13) - 6) }
            return baseline
                + (0..<tail).map { _ in
                    level += random.chance(0.15) ? 0 : step * Double(1 + random.next() % 2)
                    return level
                }
        default:
            let shiftAt = Int(random.next() % UInt64(count))
            let shift = random.uniform(-4, 4)
            return (0..<count).map { index in
                (50 + random.normal() + (index >= shiftAt ? shift : 0)) * 10
            }
        }
    }

    @Test func rulesAgreeWithAPlainReimplementationOnRandomSeries() throws {
        var random = SplitMix64(seed: 2023)
        let polarities: [Polarity] = [.higher, .lower, .neutral, .band]
        var named: [SPCRule?: Int] = [:]
        var bothWays = 0
        for _ in 0..<20_000 {
            let values = Self.series(&random)
            let polarity = polarities[Int(random.next() % 4)]
            let result = try #require(SPC.analyse(values, polarity: polarity, target: nil))
            let expected = ReferenceSPC.read(values, polarity: polarity)
            let actual = ReferenceSPC.Reading(
                mean: result.mean, lower: result.lower, upper: result.upper,
                signal: result.signal, rule: result.rule)
            #expect(actual == expected, "\(values) \(polarity)")
            if actual != expected { return }
            named[result.rule, default: 0] += 1
            let higher = ReferenceSPC.read(values, polarity: .higher)
            let lower = ReferenceSPC.read(values, polarity: .lower)
            if higher.signal == .specialCauseImprovement && lower.signal == .specialCauseImprovement { bothWays += 1 }
        }
        // The sample reaches every rule, common cause and rules pointing both ways often enough
        // that a change to any of them would show.
        for rule in [nil, SPCRule.outsideLimits, .twoOfThree, .trend, .run] {
            #expect(named[rule, default: 0] >= 100, "\(String(describing: rule)): \(named[rule, default: 0])")
        }
        #expect(bothWays >= 20, "rules pointing both ways: \(bothWays)")
    }
}
