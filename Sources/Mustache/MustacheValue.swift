/// The data a template shows: names in tags are looked up in objects, sections repeat over lists.
public enum MustacheValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([MustacheValue])
    case object(MustacheObject)
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
        self = .object(MustacheObject(elements))
    }
}

extension MustacheValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}

/// An object's names and values. Looked up by scanning: a page model's objects hold a handful to
/// a few dozen names, where comparing short strings costs less than hashing them, and a national
/// build renders ten thousand pages of them. A literal's array is kept as it is, with no copy.
public struct MustacheObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// A name may appear more than once (a literal repeating it, `merge`): the last one counts.
    private var members: [(String, MustacheValue)]

    public init(_ members: some Sequence<(String, MustacheValue)>) {
        self.members = Array(members)
    }

    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        members = elements
    }

    /// The value of `name`; setting a name already present replaces its value.
    public subscript(name: String) -> MustacheValue? {
        get { position(of: name).map { members[$0].1 } }
        set {
            switch (position(of: name), newValue) {
            case (let index?, let value?): members[index].1 = value
            case (_?, nil): members.removeAll { $0.0 == name }
            case (nil, let value?): members.append((name, value))
            case (nil, nil): break
            }
        }
    }

    private func position(of name: String) -> Int? {
        members.lastIndex { $0.0 == name }
    }

    /// Adds `other`'s names, its values winning where both have one.
    public mutating func merge(_ other: MustacheObject) {
        members += other.members
    }

    /// The same names with the same values, in any order.
    public static func == (a: MustacheObject, b: MustacheObject) -> Bool {
        let names = Set(a.members.map(\.0))
        return names == Set(b.members.map(\.0)) && names.allSatisfy { a[$0] == b[$0] }
    }
}
