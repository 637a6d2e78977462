import KPIModel
import Testing

/// The one number printer behind pages, charts, downloads and JSON.
@Suite struct NumberFormatTests {
    @Test(arguments: [
        (18.5, 1, "18.5"), (2.675, 2, "2.68"), (0.125, 2, "0.13"), (-0.5, 0, "-1"), (0.5, 0, "1"),
        (1234, 0, "1234"), (0.05, 1, "0.1"), (-0.04, 1, "0.0"), (100, 1, "100.0"), (0, 2, "0.00"),
        (7, 3, "7.000"), (74.871794871794872, 1, "74.9"), (-12.345, 2, "-12.35"), (0.30000000000000004, 1, "0.3"),
    ])
    func fixed(value: Double, decimals: Int, expected: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test(arguments: [
        (15.0, 1, "15"), (18.5, 2, "18.5"), (0.25, 3, "0.25"), (-0.0, 1, "0"), (100, 2, "100"),
        (10.1, 2, "10.1"), (0.001, 2, "0"), (-2.5, 1, "-2.5"), (1e15, 0, "1000000000000000"),
    ])
    func compact(value: Double, decimals: Int, expected: String) {
        #expect(NumberFormat.compact(value, decimals: decimals) == expected)
    }

    @Test func grouped() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 1) == "1,234,567.9")
        #expect(NumberFormat.grouped(-1234, decimals: 0) == "-1,234")
        #expect(NumberFormat.grouped(999, decimals: 0) == "999")
    }

    /// Every printed number reads back as the value rounded at that precision, with exactly that many places.
    @Test func printedNumbersReadBack() {
        var state: UInt64 = 0x5_DEEC_E66D
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = Double(Int64(bitPattern: state) % 10_000_000_000) / 1000
            let decimals = Int(state >> 60) % 4
            let fixed = NumberFormat.fixed(value, decimals: decimals)
            #expect(
                Double(fixed) == NumberFormat.rounded(value, decimals: decimals)
                    || Double(fixed) == 0 && NumberFormat.rounded(value, decimals: decimals) == 0, "\(value) → \(fixed)"
            )
            #expect((fixed.split(separator: ".").dropFirst().first?.count ?? 0) == decimals, "\(value) → \(fixed)")
            #expect(Double(NumberFormat.compact(value, decimals: decimals)) == Double(fixed), "\(value)")
        }
    }
}
