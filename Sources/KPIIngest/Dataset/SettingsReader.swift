import Foundation
import KPIModel

/// Reads `dashboard.json`. Unknown keys are errors so that a typo never passes silently, and so is a
/// key given twice (which would otherwise silently drop one of the two).
enum SettingsReader {
    static let keys = ["title", "authority", "financialYearStartMonth", "siteURL", "asOf", "suppressSmallCounts"]

    static func read(files: DatasetFiles, problems: inout [Diagnostic]) -> Settings {
        var settings = Settings()
        guard let (path, bytes) = files.optional("dashboard.json", &problems) else { return settings }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            problems.append(
                Diagnostic(file: path, message: "dashboard.json is not valid UTF-8", hint: "save it as UTF-8"))
            return settings
        }
        func report(at offset: Int, _ message: String, _ hint: String?) {
            problems.append(
                bytes.withUnsafeBufferPointer { text in
                    let (line, lineStart) = TextLocator.advance(text, from: 0, line: 1, to: offset)
                    return Diagnostic(
                        file: path, line: line, column: TextLocator.column(text, lineStart: lineStart, offset: offset),
                        message: message, hint: hint, sourceLine: TextLocator.sourceLine(text, lineStart: lineStart))
                })
        }
        let root: JSONValue
        do {
            root = try JSONReader.read(bytes)
        } catch {
            report(at: error.offset, "not valid JSON: \(error.message)", error.hint)
            return settings
        }
        guard case .object(let members) = root.kind else {
            report(at: root.offset, "dashboard.json must be an object such as {\"title\": \"…\"}", nil)
            return settings
        }
        var given: [String: JSONMember] = [:]
        for member in members {
            if given[member.key] != nil {
                report(at: member.keyOffset, "\"\(member.key)\" is set twice", "keep one of them")
            } else if keys.contains(member.key) {
                given[member.key] = member
            } else {
                let suggestion = closest(to: member.key, in: keys).map { "did you mean \"\($0)\"? " } ?? ""
                report(
                    at: member.keyOffset, "unknown setting \"\(member.key)\"",
                    "\(suggestion)known settings: \(keys.joined(separator: ", "))")
            }
        }
        /// A setting's value, with a report at its name when it is not of the kind `read` accepts.
        func setting<Value>(
            _ key: String, _ message: String, hint: String? = nil,
            _ read: (JSONValue.Kind) -> Value?
        ) -> Value? {
            guard let member = given[key] else { return nil }
            if let value = read(member.value.kind) { return value }
            report(at: member.keyOffset, message, hint)
            return nil
        }
        func string(_ key: String) -> String? {
            setting(key, "\"\(key)\" must be a non-empty string") { kind in
                guard case .string(let text) = kind, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    return nil
                }
                return text
            }
        }
        func reportSetting(_ key: String, _ message: String, _ hint: String?) {
            if let member = given[key] { report(at: member.keyOffset, message, hint) }
        }
        if let title = string("title") { settings.title = title }
        if let authority = string("authority") {
            let code = authority.trimmingCharacters(in: .whitespaces)
            if let problem = AuthorityCode.problem(code) {
                reportSetting("authority", "\"authority\": \(problem)", AuthorityCode.hint)
            } else {
                settings.authority = code
            }
        }
        if let url = string("siteURL") {
            if url.hasPrefix("https://") || url.hasPrefix("http://") {
                settings.siteURL = url.hasSuffix("/") ? url : url + "/"
            } else {
                reportSetting(
                    "siteURL", "\"siteURL\" must be an http or https address",
                    "for example https://www.example.gov.uk/performance/")
            }
        }
        if let asOf = string("asOf") {
            switch PeriodParser.parseMonth(asOf) {
            case .success(let month): settings.asOf = month
            case .failure(let error): reportSetting("asOf", "\"asOf\": \(error.message)", error.hint)
            }
        }
        if let flag = setting(
            "suppressSmallCounts", "\"suppressSmallCounts\" must be true or false",
            { kind -> Bool? in
                guard case .bool(let flag) = kind else { return nil }
                return flag
            })
        {
            settings.suppressSmallCounts = flag
        }
        if let month = setting(
            "financialYearStartMonth", "\"financialYearStartMonth\" must be a month number from 1 to 12",
            hint: "English councils use 4 (April)",
            { kind -> Int? in
                guard case .number(let number) = kind, let month = Int(exactly: number), (1...12).contains(month) else {
                    return nil
                }
                return month
            })
        {
            settings.financialYearStartMonth = month
        }
        return settings
    }
}
