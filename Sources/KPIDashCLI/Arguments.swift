/// A usage mistake on the command line; exit status 2.
struct UsageError: Error {
    var message: String
}

/// Command-line words split into positional arguments and `--name value` options.
///
/// Every command declares which options take a value and which are flags, so a misspelt
/// option is an error, never silently taken as a folder name.
struct ParsedArguments {
    var positional: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init(_ words: [String], valueOptions: Set<String>, flagOptions: Set<String>) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                positional.append(contentsOf: words[index...])
                break
            }
            guard word.hasPrefix("-") && word.count > 1 else {
                positional.append(word)
                continue
            }
            var name = word
            var inlineValue: String?
            if let equals = word.firstIndex(of: "=") {
                name = String(word[..<equals])
                inlineValue = String(word[word.index(after: equals)...])
            }
            if valueOptions.contains(name) {
                if let inlineValue {
                    values[name] = inlineValue
                } else if index < words.count {
                    values[name] = words[index]
                    index += 1
                } else {
                    throw UsageError(message: "\(name) needs a value")
                }
            } else if flagOptions.contains(name) && inlineValue == nil {
                flags.insert(name)
            } else {
                throw UsageError(message: "unknown option \(word)")
            }
        }
    }

    /// At most `count` positional arguments.
    func positional(atMost count: Int) throws(UsageError) -> [String] {
        guard positional.count <= count else {
            throw UsageError(message: "unexpected argument \"\(positional[count])\"")
        }
        return positional
    }
}
