/// A message's lines, split at CRLF, without the line ends.
public func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    bytes.split(separator: 10, omittingEmptySubsequences: false).dropLast().map { $0.last == 13 ? $0.dropLast() : $0 }
}
