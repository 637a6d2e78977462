/// A problem found in the input, located so a person can find and fix it.
///
/// The one diagnostic type of kpidash: every stage reports through it and the command line
/// prints it compiler-style, `file:line:column: error: message`, with the offending line,
/// a caret under the column and a hint.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in Unicode scalars.
    public var column: Int
    public var severity: Severity
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// The text of the offending line, shown with a caret under `column`.
    public var sourceLine: String?

    public init(
        file: String, line: Int = 1, column: Int = 1, severity: Severity = .error,
        message: String, hint: String? = nil, sourceLine: String? = nil
    ) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// The first line: `file:line:column: error: message`.
    public var description: String { "\(file):\(line):\(column): \(severity.rawValue): \(message)" }

    /// The whole report: the first line, then the source line with a caret, then the hint.
    public var rendered: String {
        var text = description
        if let sourceLine {
            let shown = String(sourceLine.unicodeScalars.prefix(200).map { $0 == "\t" ? " " : Character($0) })
            text += "\n    " + shown + "\n    " + String(repeating: " ", count: max(0, min(column, 201) - 1)) + "^"
        }
        if let hint { text += "\n    hint: " + hint }
        return text
    }

    /// Orders reports by file, then line, then column, so output is stable.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// The problems of a run that stopped on errors.
public struct DiagnosticsError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
