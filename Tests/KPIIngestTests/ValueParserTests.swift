import KPIModel
import Testing
import Toolkit

@testable import KPIIngest

@Suite struct ValueParserTests {
    struct Number: CustomTestStringConvertible, Sendable {
        var text: String
        var value: Double
        var percent = false
        var lowReliability = false
        var testDescription: String { text.debugDescription }
    }

    @Test(arguments: [
        Number(text: "18.5", value: 18.5),
        Number(text: "18.5%", value: 18.5, percent: true),
        Number(text: "12.5 %", value: 12.5, percent: true),
        Number(text: "1,234", value: 1234),
        Number(text: "1,234,567.25", value: 1_234_567.25),
        Number(text: "123,456", value: 123_456),
        Number(text: " 18.5 ", value: 18.5),
        Number(text: "\t42\t", value: 42),
        Number(text: "12.5 u", value: 12.5, lowReliability: true),
        Number(text: "12.5u", value: 12.5, lowReliability: true),
        Number(text: "12.5U", value: 12.5, lowReliability: true),
        Number(text: "12.5% u", value: 12.5, percent: true, lowReliability: true),
        Number(text: "-3", value: -3),
        Number(text: "-1,234.5", value: -1234.5),
        Number(text: "+3", value: 3),
        Number(text: "007", value: 7),
        Number(text: "0", value: 0),
        Number(text: "0.5", value: 0.5),
        Number(text: ".5", value: 0.5),
        Number(text: "5.", value: 5),
        Number(text: "0.1", value: 0.1),
        Number(text: "0.3", value: 0.3),
        Number(text: "100%", value: 100, percent: true),
        Number(text: "74.87179487179487", value: 74.87179487179487),
        Number(text: "123456789012345678901234567890", value: 1.2345678901234568e29),
        Number(text: "0.000000000000000000000000123", value: 1.23e-25),
    ])
    func numbers(_ n: Number) {
        #expect(
            ValueParser.parse(n.text)
                == .number(ParsedNumber(value: n.value, hadPercentSign: n.percent, lowReliability: n.lowReliability)))
    }

    @Test(
        arguments: [
            ("", ValueStatus.missing), ("   ", .missing), ("\t", .missing),
            ("c", .suppressed), ("C", .suppressed), (" c ", .suppressed),
            ("x", .notAvailable), ("X", .notAvailable), ("TBC", .notAvailable), ("tbc", .notAvailable),
            ("Tbc", .notAvailable),
            ("-", .notAvailable), (" - ", .notAvailable),
            ("z", .notApplicable), ("Z", .notApplicable), ("N/A", .notApplicable), ("n/a", .notApplicable),
            ("NA", .notApplicable), ("na", .notApplicable), ("Na", .notApplicable),
            ("u", .lowReliability), ("U", .lowReliability),
        ] as [(String, ValueStatus)])
    func markers(_ text: String, _ status: ValueStatus) {
        #expect(ValueParser.parse(text) == .marker(status))
    }

    struct Mistake: CustomTestStringConvertible, Sendable {
        var text: String
        var message: String
        var hint: String
        var testDescription: String { text.debugDescription }
    }

    static let markerHint =
        "write a number such as 18.5, or leave the cell blank if the figure is missing, or write one of the markers "
        + "c (suppressed), x (not available), z (not applicable), u (low reliability)"
    static let commaHint = "use a full stop for decimals (18.5) and commas only between groups of three digits (1,234)"

    @Test(arguments: [
        Mistake(text: "nan", message: "\"nan\" is not a number", hint: markerHint),
        Mistake(text: "NaN", message: "\"NaN\" is not a number", hint: markerHint),
        Mistake(text: "-nan", message: "\"-nan\" is not a number", hint: markerHint),
        Mistake(text: "inf", message: "\"inf\" is not a finite number", hint: markerHint),
        Mistake(text: "-Infinity", message: "\"-Infinity\" is not a finite number", hint: markerHint),
        Mistake(
            text: "1e3", message: "\"1e3\" is written with an exponent",
            hint: "write the number in full, without an exponent: 1000"),
        Mistake(
            text: "2.5E-2", message: "\"2.5E-2\" is written with an exponent",
            hint: "write the number in full, without an exponent: 0.025"),
        Mistake(
            text: "1e999", message: "\"1e999\" is written with an exponent",
            hint: "write the number in full, without an exponent"),
        Mistake(
            text: "0x1p3", message: "\"0x1p3\" is a hexadecimal number", hint: "write the number in decimal digits"),
        Mistake(text: "0X1A", message: "\"0X1A\" is a hexadecimal number", hint: "write the number in decimal digits"),
        Mistake(
            text: "£1,000", message: "\"£1,000\" has a currency symbol",
            hint: "write the number without currency symbols, such as 1,000"),
        Mistake(
            text: "$5", message: "\"$5\" has a currency symbol",
            hint: "write the number without currency symbols, such as 1,000"),
        Mistake(
            text: "-€5", message: "\"-€5\" has a currency symbol",
            hint: "write the number without currency symbols, such as 1,000"),
        Mistake(
            text: "(12)", message: "\"(12)\" uses brackets for a negative number",
            hint: "write a minus sign instead: -12"),
        Mistake(
            text: "( 1,234.5 )", message: "\"( 1,234.5 )\" uses brackets for a negative number",
            hint: "write a minus sign instead: -1,234.5"),
        Mistake(text: "1,23", message: "\"1,23\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: "18,5%", message: "\"18,5%\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: "1234,567", message: "\"1234,567\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: ",123", message: "\",123\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: "1,", message: "\"1,\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: "1,,234", message: "\"1,,234\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: "1,234,56", message: "\"1,234,56\" has a comma in the wrong place", hint: commaHint),
        Mistake(text: "abc", message: "expected a number, found \"abc\"", hint: markerHint),
        Mistake(text: "1.2.3", message: "expected a number, found \"1.2.3\"", hint: markerHint),
        Mistake(text: "12.5 uu", message: "expected a number, found \"12.5 uu\"", hint: markerHint),
        Mistake(text: "1 234", message: "expected a number, found \"1 234\"", hint: markerHint),
        Mistake(text: "--5", message: "expected a number, found \"--5\"", hint: markerHint),
        Mistake(text: ".", message: "expected a number, found \".\"", hint: markerHint),
        Mistake(text: "%", message: "expected a number, found \"%\"", hint: markerHint),
        Mistake(text: "u 12", message: "expected a number, found \"u 12\"", hint: markerHint),
        Mistake(text: "n.a.", message: "expected a number, found \"n.a.\"", hint: markerHint),
        Mistake(text: "18.5 %%", message: "expected a number, found \"18.5 %%\"", hint: markerHint),
        Mistake(text: "1.234,5", message: "expected a number, found \"1.234,5\"", hint: markerHint),
    ])
    func mistakes(_ m: Mistake) {
        #expect(ValueParser.parse(m.text) == .invalid(message: m.message, hint: m.hint))
    }

    @Test func aFourHundredDigitNumberIsOutOfRangeNeverInfinity() {
        let digits = String(repeating: "9", count: 400)
        let result = ValueParser.parse(digits)
        guard case .invalid(let message, let hint) = result else {
            Issue.record("accepted as \(result)")
            return
        }
        #expect(
            message
                == "the number \"\(String(repeating: "9", count: 39))…\" is out of range (400 digits before the decimal point)"
        )
        #expect(hint != nil)
        // The largest finite figure still reads.
        #expect(ValueParser.parse("1" + String(repeating: "0", count: 308)) == .number(ParsedNumber(value: 1e308)))
    }

    @Test func bytesAndStringsAgree() {
        for text in ["18.5%", " c ", "1,23", "12.5 u", ""] {
            let fromBytes = Array(text.utf8).withUnsafeBufferPointer { ValueParser.parse($0) }
            #expect(fromBytes == ValueParser.parse(text))
        }
    }

    /// Random decimals, with and without thousands grouping, read exactly as `Double(String)` reads them.
    @Test func randomDecimalsEqualTheStandardLibrary() {
        var random = SplitMix64(seed: 18_5)
        var checked = 0
        for _ in 0..<20_000 {
            let integerDigits = random.int(0...12)
            let fractionDigits = random.int(0...10)
            guard integerDigits + fractionDigits > 0 else { continue }
            var integer = String((0..<integerDigits).map { _ in Character(String(random.int(0...9))) })
            if random.int(0...3) == 0 { integer = "00" + integer }
            let fraction = String((0..<fractionDigits).map { _ in Character(String(random.int(0...9))) })
            let sign = ["", "-", "+"][random.int(0...2)]
            let plain = sign + integer + (fractionDigits > 0 || random.int(0...1) == 0 ? "." + fraction : "")
            guard let expected = Double(plain) else { continue }
            #expect(ValueParser.parse(plain) == .number(ParsedNumber(value: expected)), "\(plain)")
            if integer.count > 3 && !integer.hasPrefix("0") {
                var grouped = ""
                for (k, ch) in integer.enumerated() {
                    if k > 0 && (integer.count - k) % 3 == 0 { grouped.append(",") }
                    grouped.append(ch)
                }
                let text = sign + grouped + (fractionDigits > 0 ? "." + fraction : "")
                #expect(
                    ValueParser.parse(text)
                        == .number(
                            ParsedNumber(value: Double(sign + integer + (fractionDigits > 0 ? "." + fraction : ""))!)),
                    "\(text)")
            }
            checked += 1
        }
        #expect(checked > 19_000)
    }
}
