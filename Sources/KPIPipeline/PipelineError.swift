import KPIModel

/// What ends a command after its options were accepted, other than errors in the data: a folder
/// `--out` must not replace, a template that does not parse, a write or a delivery that failed.
/// Every stage reports through this one type and `rendered` is the one way it is printed, beside
/// `Diagnostic` for the data.
public struct PipelineError: Error, Equatable {
    public var status: ExitStatus
    public var message: String
    /// What to do about it.
    public var hint: String?
    /// Already located (`file:line:column: error: …`), as a template's syntax error is: printed as it is.
    public var located: Bool

    public init(status: ExitStatus = .outputFailure, message: String, hint: String? = nil, located: Bool = false) {
        self.status = status
        self.message = message
        self.hint = hint
        self.located = located
    }

    /// `kpidash build: error: message`, then the hint indented as a diagnostic's is.
    public func rendered(command: String) -> String {
        let first = located ? message : "kpidash \(command): error: \(message)"
        return first + (hint.map { "\n    hint: \($0)" } ?? "")
    }
}
