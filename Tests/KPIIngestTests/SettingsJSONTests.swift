import Foundation
import KPIModel
import Testing

@testable import KPIIngest

/// `dashboard.json` mistakes are reported where they are: the line and column a person would fix.
@Suite struct SettingsJSONTests {
    /// The diagnostics of a dataset whose `dashboard.json` is `settings`, located and hinted.
    private func settingsProblems(_ settings: String) -> [(located: String, hint: String?)] {
        let (_, diagnostics, root) = loadDataset([
            "dashboard.json": settings,
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,authority,value\nre_referral_rate,E10000018,18.5\n",
        ])
        return zip(located(diagnostics, root: root), diagnostics)
            .filter { $0.0.hasPrefix("dashboard.json") }
            .map { ($0.0, $0.1.hint) }
    }

    @Test func missingCommaAtTheMemberAfterIt() throws {
        let problems = settingsProblems("{\n  \"title\": \"T\"\n  \"authority\": \"E10000018\"\n}\n")
        #expect(
            problems.map(\.located) == ["dashboard.json:3:3: error: not valid JSON: missing comma before this member"])
        #expect(problems.first?.hint?.contains("commas") == true)
    }

    @Test func trailingCommaAtTheComma() {
        let problems = settingsProblems("{\n  \"title\": \"T\",\n  \"authority\": \"E10000018\",\n}\n")
        #expect(problems.map(\.located) == ["dashboard.json:3:27: error: not valid JSON: a comma before the closing }"])
    }

    @Test func unterminatedStringAtItsOpeningQuote() {
        let problems = settingsProblems("{\n  \"title\": \"T,\n  \"authority\": \"E10000018\"\n}\n")
        #expect(
            problems.map(\.located) == ["dashboard.json:2:12: error: not valid JSON: this string has no closing quote"])
    }

    @Test func badLiteralAtTheWord() {
        let problems = settingsProblems("{\n  \"authority\": \"E10000018\",\n  \"suppressSmallCounts\": True\n}\n")
        #expect(problems.map(\.located) == ["dashboard.json:3:26: error: not valid JSON: expected a value, found True"])
        #expect(problems.first?.hint?.contains("lower case") == true)
    }

    @Test func unquotedNameAndSingleQuotes() {
        #expect(
            settingsProblems("{\n  title: \"T\"\n}").map(\.located)
                == ["dashboard.json:2:3: error: not valid JSON: expected a name in double quotes, found title"])
        #expect(
            settingsProblems("{\"authority\": 'E10000018'}").map(\.located)
                == ["dashboard.json:1:15: error: not valid JSON: expected a value, found '"])
    }

    @Test func columnsCountCharactersNotBytesAndCRLFEndsALine() {
        // "é" is two bytes in UTF-8 but one column.
        #expect(
            settingsProblems("{\"title\": \"é\", \"financialYearStartMonth\": 04}").map(\.located)
                == ["dashboard.json:1:43: error: not valid JSON: 04 is not a JSON number"])
        #expect(
            settingsProblems("{\r\n  \"title\": \"T\"\r\n  \"asOf\": \"2017-09\"\r\n}\r\n").map(\.located)
                == ["dashboard.json:3:3: error: not valid JSON: missing comma before this member"])
    }

    @Test func otherMistakes() {
        #expect(
            settingsProblems("{\"title\": \"a\\qb\"}").map(\.located) == [
                "dashboard.json:1:13: error: not valid JSON: unknown escape \\q"
            ])
        #expect(
            settingsProblems("{\"financialYearStartMonth\": 4.5.6}").map(\.located)
                == ["dashboard.json:1:29: error: not valid JSON: 4.5.6 is not a JSON number"])
        #expect(
            settingsProblems("{\"title\": \"T\"} x").map(\.located)
                == ["dashboard.json:1:16: error: not valid JSON: unexpected text after the end of the JSON value"])
        #expect(
            settingsProblems("{\n  \"title\": \"T\",\n").map(\.located)
                == ["dashboard.json:3:1: error: not valid JSON: the file ends inside an object"])
        #expect(
            settingsProblems("").map(\.located)
                == ["dashboard.json:1:1: error: not valid JSON: the file ends where a value was expected"])
        #expect(
            settingsProblems("\n[\"E10000018\"]").map(\.located)
                == ["dashboard.json:2:1: error: dashboard.json must be an object such as {\"title\": \"…\"}"])
    }

    @Test func aSettingGivenTwiceIsReportedAtTheSecond() {
        #expect(
            settingsProblems("{\n  \"authority\": \"E10000018\",\n  \"authority\": \"E10000031\"\n}").map(\.located)
                == ["dashboard.json:3:3: error: \"authority\" is set twice"])
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = "{\"title\": " + String(repeating: "[", count: 100_000)
        #expect(
            settingsProblems(deep).map(\.located)
                == ["dashboard.json:1:74: error: not valid JSON: values nested more than 64 deep"])
    }

    @Test func validSettingsReadAsBefore() throws {
        let (dataset, diagnostics, _) = loadDataset([
            "dashboard.json":
                "\u{FEFF}{\"title\": \"Caf\\u00e9 \\ud83d\\ude00\", \"authority\": \"E10000018\", \"financialYearStartMonth\": 4.0,\n"
                + " \"suppressSmallCounts\": true, \"asOf\": \"2017-09\", \"siteURL\": \"https://example.gov.uk\"}",
            "indicators.csv": catalogue,
            "extracts/2017-09.csv": "indicator,authority,value\nre_referral_rate,E10000018,18.5\n",
        ])
        #expect(diagnostics.isEmpty)
        let settings = try #require(dataset?.settings)
        #expect(settings.title == "Café 😀")
        #expect(settings.financialYearStartMonth == 4)
        #expect(settings.suppressSmallCounts)
        #expect(settings.asOf == Month(year: 2017, month: 9))
        #expect(settings.siteURL == "https://example.gov.uk/")
    }
}
