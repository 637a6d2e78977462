import Foundation
import KPIModel

/// Reads `dashboard.json`. Unknown keys are errors so that a typo never passes silently.
enum SettingsReader {
    static let keys = ["title", "authority", "financialYearStartMonth", "siteURL", "asOf", "suppressSmallCounts", "plan"]

    static func read(files: DatasetFiles, problems: inout [Diagnostic]) -> Settings {
        var settings = Settings()
        guard let (path, bytes) = files.optional("dashboard.json", &problems) else { return settings }
        let text = String(decoding: bytes, as: UTF8.self)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            problems.append(Diagnostic(file: path, message: "dashboard.json is not valid UTF-8", hint: "save it as UTF-8"))
            return settings
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let (line, column) = errorLocation(error, in: text)
            problems.append(Diagnostic(file: path, line: line, column: column, message: "dashboard.json is not valid JSON",
                                       hint: "check for a missing comma, quote or brace near here",
                                       sourceLine: lineText(text, line)))
            return settings
        }
        guard let dictionary = object as? [String: Any] else {
            problems.append(Diagnostic(file: path, message: "dashboard.json must be an object such as {\"title\": \"…\"}"))
            return settings
        }
        func report(_ key: String, _ message: String, _ hint: String?, _ severity: Diagnostic.Severity = .error) {
            let (line, column) = keyLocation(key, in: text)
            problems.append(Diagnostic(file: path, line: line, column: column, severity: severity, message: message,
                                       hint: hint, sourceLine: lineText(text, line)))
        }
        for key in dictionary.keys.sorted() where !keys.contains(key) {
            let suggestion = closest(to: key, in: keys).map { "did you mean \"\($0)\"? " } ?? ""
            report(key, "unknown setting \"\(key)\"", "\(suggestion)known settings: \(keys.joined(separator: ", "))")
        }
        func string(_ key: String) -> String? {
            guard let value = dictionary[key] else { return nil }
            guard let string = value as? String, !string.trimmingCharacters(in: .whitespaces).isEmpty else {
                report(key, "\"\(key)\" must be a non-empty string", nil)
                return nil
            }
            return string
        }
        if let title = string("title") { settings.title = title }
        if let authority = string("authority") {
            let code = authority.trimmingCharacters(in: .whitespaces)
            if let problem = AuthorityCode.problem(code) {
                report("authority", "\"authority\": \(problem)", AuthorityCode.hint)
            } else {
                settings.authority = code
            }
        }
        if let url = string("siteURL") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                settings.siteURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                report("siteURL", "\"siteURL\" must be an http or https address", "for example https://www.example.gov.uk/performance/")
            }
        }
        if let asOf = string("asOf") {
            switch PeriodParser.parseMonth(asOf) {
            case .success(let month): settings.asOf = month
            case .failure(let error): report("asOf", "\"asOf\": \(error.message)", error.hint)
            }
        }
        if let value = dictionary["suppressSmallCounts"] {
            if isBoolean(value), let flag = value as? Bool {
                settings.suppressSmallCounts = flag
            } else {
                report("suppressSmallCounts", "\"suppressSmallCounts\" must be true or false", nil)
            }
        }
        if let value = dictionary["plan"] {
            settings.plan = PlanSettingsReader.read(value, text: text) { key, message, hint in report(key, message, hint) }
        }
        if let value = dictionary["financialYearStartMonth"] {
            if !isBoolean(value), let number = value as? NSNumber, let month = Int(exactly: number.doubleValue), (1...12).contains(month) {
                settings.financialYearStartMonth = month
            } else {
                report("financialYearStartMonth", "\"financialYearStartMonth\" must be a month number from 1 to 12", "English councils use 4 (April)")
            }
        }
        return settings
    }

    /// JSON `true` arrives as a number on some platforms; a month is never a boolean.
    static func isBoolean(_ value: Any) -> Bool {
        if value is Bool, !(value is Int) { return true }
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// Where a key is written, found by its quoted name; line 1 column 1 when it cannot be found.
    static func keyLocation(_ key: String, in text: String) -> (Int, Int) {
        guard let range = text.range(of: "\"\(key)\"") else { return (1, 1) }
        return location(of: range.lowerBound, in: text)
    }

    static func errorLocation(_ error: Error, in text: String) -> (Int, Int) {
        let info = (error as NSError).userInfo
        if let index = info["NSJSONSerializationErrorIndex"] as? Int {
            let utf8 = text.utf8
            if let position = utf8.index(utf8.startIndex, offsetBy: index, limitedBy: utf8.endIndex) {
                return location(of: position, in: text)
            }
        }
        return (1, 1)
    }

    static func location(of index: String.Index, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars[..<index] {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    static func lineText(_ text: String, _ line: Int) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return line - 1 < lines.count ? String(lines[line - 1]) : nil
    }
}
