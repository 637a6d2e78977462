import Testing
import Toolkit

@testable import KPIIngest

/// The tables that number an extract's authorities, indicators and series: a wrong number would file
/// a figure under another authority or merge two series, so every key must keep its first number
/// however much the table grows, and keys that differ in one byte or one field must stay apart.
@Suite struct TextTableTests {
    @Test func everyTextKeepsItsFirstNumberAsTheTableGrows() {
        var table = TextTable()
        let texts = (0..<20_000).map { "E\(10_000_000 + $0)" } + ["", " ", "E1000001", "e10000001", "re_referral_rate"]
        let numbers = texts.map { table.insert($0) }
        #expect(numbers == Array(0..<texts.count))
        #expect(texts.map { table.insert($0) } == numbers)
        #expect(table.texts == texts)
        for (number, text) in texts.enumerated() {
            var bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { table.number(of: $0) } == number)
            bytes.append(0x20)
            #expect(bytes.withUnsafeBufferPointer { table.number(of: $0) } != number)
        }
    }

    @Test func keysThatDifferInAnyFieldAreNumberedApart() {
        var table = KeyTable<ExtractReader.SeriesKey>()
        var keys: [ExtractReader.SeriesKey] = []
        for authority in Int32(0)..<40 {
            for indicator in Int32(0)..<60 {
                for breakdown in Int32(0)..<3 {
                    keys.append(
                        ExtractReader.SeriesKey(authority: authority, indicator: indicator, breakdown: breakdown))
                }
            }
        }
        #expect(keys.map { table.insert($0).inserted } == Array(repeating: true, count: keys.count))
        #expect(keys.map { table.insert($0).number } == Array(0..<keys.count))
        #expect(keys.map { table.insert($0).inserted }.allSatisfy { !$0 })
    }

    /// A series' months met in any order: each new month takes the number offered, and every month
    /// met again gives back the number it first took, never another month's.
    @Test func everyMonthOfASeriesKeepsItsFirstPlaceInAnyOrder() {
        var generator = SplitMix64(seed: 13)
        for _ in 0..<20 {
            var places = ExtractReader.MonthPlaces()
            let months = (Int32(24_000)..<24_120).shuffled(using: &generator)
            for (number, month) in months.enumerated() {
                #expect(places.place(of: month, orAdd: number) == nil)
            }
            for (number, month) in months.enumerated().shuffled(using: &generator) {
                #expect(places.place(of: month, orAdd: 999_999) == number)
            }
        }
    }
}
