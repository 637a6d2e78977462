import Foundation

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose output depends on the seed alone,
/// so the same arguments always give the same bytes (the national dataset) and a failing property
/// test can be replayed from its seed. `SystemRandomNumberGenerator` never could.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one stream (an authority's series of one indicator, say), keyed by names,
    /// so a series stays the same whatever else the run generates.
    public init(seed: UInt64, stream: String...) {
        var key = seed
        for name in stream {
            var hash = StableHash()
            hash.add(name.utf8)
            key = SplitMix64.mix(key ^ hash.value)
        }
        state = key
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// Standard normal by Box–Muller; one draw per call keeps the stream simple to reason about.
    public mutating func normal() -> Double {
        let u = 1 - unit()  // (0, 1]: log never sees zero
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// Picks an index with the given weights (which need not sum to one).
    public mutating func pick(weights: [Double]) -> Int {
        var remaining = unit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.count - 1
    }

    /// A whole number in `range`; the slight bias of the modulo does not matter to tests.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
