import Foundation

/// A CSV file written through one large buffer, flushed in megabyte chunks:
/// a write per row would make a million-row extract take minutes.
struct CSVFile {
    enum LineEnd: String {
        case lf = "\n"
        /// As Excel and most case-management exports write.
        case crlf = "\r\n"
    }

    enum Quoting {
        /// Only fields that must be quoted, as a hand-kept file.
        case minimal
        /// Every field, empty ones and the header too, as spreadsheet and case-management exports write them.
        case every
    }

    private let handle: FileHandle
    private let lineEnd: [UInt8]
    private let quoting: Quoting
    private var buffer: [UInt8] = []
    private var fieldsInRow = 0
    private(set) var bytesWritten = 0
    private(set) var rows = 0

    private static let flushThreshold = 1 << 20

    /// Creates (or empties) the file and writes the header. `byteOrderMark` as ONS downloads carry one.
    init(path: String, header: [String], lineEnd: LineEnd, quoting: Quoting = .minimal, byteOrderMark: Bool = false)
        throws
    {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw GeneratorError("cannot create \(path)")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        self.lineEnd = Array(lineEnd.rawValue.utf8)
        self.quoting = quoting
        buffer.reserveCapacity(CSVFile.flushThreshold + 4096)
        if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        for name in header { field(name) }
        try endRow()
        rows = 0
    }

    /// A field, quoted when it must be (RFC 4180: a comma, quote or line break inside) or when every field is.
    mutating func field(_ text: String) {
        separate()
        let bytes = text.utf8
        if quoting == .every
            || bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            )
        {
            buffer.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { buffer.append(byte) }
                buffer.append(byte)
            }
            buffer.append(UInt8(ascii: "\""))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// A field already known to hold no comma, quote or line break (codes, ids, digits): skips the scan.
    mutating func plainField(_ bytes: [UInt8]) { plain(bytes) }

    mutating func plainField(_ text: String) { plain(text.utf8) }

    mutating func emptyField() { plain(EmptyCollection()) }

    private mutating func plain<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        separate()
        if quoting == .every { buffer.append(UInt8(ascii: "\"")) }
        buffer.append(contentsOf: bytes)
        if quoting == .every { buffer.append(UInt8(ascii: "\"")) }
    }

    mutating func endRow() throws {
        buffer.append(contentsOf: lineEnd)
        fieldsInRow = 0
        rows += 1
        if buffer.count >= CSVFile.flushThreshold { try flush() }
    }

    /// Writes what is left and closes the file.
    mutating func close() throws {
        try flush()
        try handle.close()
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.append(UInt8(ascii: ",")) }
        fieldsInRow += 1
    }

    private mutating func flush() throws {
        try handle.write(contentsOf: buffer)
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}

struct GeneratorError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }
}
