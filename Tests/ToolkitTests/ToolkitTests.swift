import Testing
import Toolkit

@Suite struct CivilDateTests {
    @Test func knownDays() {
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilDate.days(year: 1899, month: 12, day: 30) == -25_569, "Excel's day zero")
        #expect(CivilDate.date(days: 17_442) == (2017, 10, 3))
    }

    /// Every day over four centuries, leap years and century rules included, goes there and back.
    @Test func roundTripsEveryDayFrom1800To2200() {
        let first = CivilDate.days(year: 1800, month: 1, day: 1)
        let last = CivilDate.days(year: 2200, month: 12, day: 31)
        var previous = CivilDate.date(days: first - 1)
        for day in first...last {
            let date = CivilDate.date(days: day)
            #expect(CivilDate.days(year: date.year, month: date.month, day: date.day) == day)
            #expect(date.day == previous.day + 1 || (date.day == 1 && previous.day >= 28))
            previous = date
        }
        #expect(
            CivilDate.date(days: CivilDate.days(year: 1900, month: 2, day: 28) + 1) == (1900, 3, 1),
            "1900 is not a leap year")
        #expect(CivilDate.date(days: CivilDate.days(year: 2000, month: 2, day: 28) + 1) == (2000, 2, 29), "2000 is")
    }
}

@Suite struct StableHashTests {
    @Test func matchesTheFNV1aReferenceValues() {
        #expect(StableHash.hex(of: []) == "cbf29ce484222325")
        #expect(StableHash.hex(of: Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(StableHash.hex(of: Array("foobar".utf8)) == "85944171f73967e8")
    }

    @Test func wordsDifferOnAnyChangeIncludingTrailingZeros() {
        func words(_ bytes: [UInt8]) -> UInt64 {
            var hash = StableHash()
            bytes.withUnsafeBytes { hash.addWords($0) }
            return hash.value
        }
        let base: [UInt8] = Array("re_referral_rate,2017-09,18.5\n".utf8)
        #expect(words(base) != words(base + [0]))
        #expect(words(base) != words(Array(base.dropLast())))
        var changed = base
        changed[3] ^= 1
        #expect(words(base) != words(changed))
        #expect(words(base) == words(base))
    }
}

@Suite struct ConcurrentMapTests {
    @Test func keepsTheOrderWhateverTheWorkers() {
        let items = Array(0..<1_000)
        for workers in [1, 2, 7] {
            #expect(items.concurrentMap(workers: workers) { $0 * $0 } == items.map { $0 * $0 })
        }
    }
}

@Suite struct PluralTests {
    @Test func countsWithTheirNouns() {
        #expect(plural(1, "file") == "1 file")
        #expect(plural(0, "file") == "0 files")
        #expect(plural(2, "authority", "authorities") == "2 authorities")
    }
}

@Suite struct SplitMix64Tests {
    /// The published SplitMix64 sequence for seed 0, so the national dataset stays the same.
    @Test func matchesTheReferenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect([generator.next(), generator.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4])
    }
}

@Suite struct DistinctValuesTests {
    @Test func findsEveryValueWhateverTheRuns() {
        #expect([3, 3, 1, 1, 1, 3, 2, 2].distinctValues() == [1, 2, 3])
        #expect([Int]().distinctValues().isEmpty)
        #expect(["E10000018", "E10000018", "E06000016"].distinctValues() == ["E10000018", "E06000016"])
    }
}
