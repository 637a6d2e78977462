/// The data a template shows: names in tags are looked up in objects, sections repeat over lists.
public enum MustacheValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([MustacheValue])
    case object([String: MustacheValue])
    case null
}

extension MustacheValue {
    /// Whether a section shows its content (`{{#name}}`) rather than its inverse (`{{^name}}`).
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        // A blank string counts as absent, so `{{#note}}<p>{{note}}</p>{{/note}}` leaves no empty paragraph.
        case .string(let value): !value.isEmpty
        case .number, .object: true
        case .list(let items): !items.isEmpty
        }
    }

    /// Whole numbers print as integers ("85", not "85.0"); others print the shortest digits that
    /// read back as the same number ("1.21"). Pages should pass numbers already formatted as strings.
    static func text(of number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 {
            return String(Int64(number))
        }
        return number.description
    }
}

extension MustacheValue: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension MustacheValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self = .number(Double(value))
    }
}

extension MustacheValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .number(value)
    }
}

extension MustacheValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension MustacheValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: MustacheValue...) {
        self = .list(elements)
    }
}

extension MustacheValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension MustacheValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}
