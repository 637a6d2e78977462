/// Appends `text` with `& < > " '` replaced by entities, so data can never open a tag, start an
/// entity or end an attribute value. Works on UTF-8 bytes, copying the runs between them whole.
func appendEscapingHTML(_ text: String, to output: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
        var runStart = 0
        for (index, byte) in bytes.enumerated() {
            let entity: [UInt8]
            switch byte {
            case UInt8(ascii: "&"): entity = ampersandEntity
            case UInt8(ascii: "<"): entity = lessThanEntity
            case UInt8(ascii: ">"): entity = greaterThanEntity
            case UInt8(ascii: "\""): entity = quotationMarkEntity
            case UInt8(ascii: "'"): entity = apostropheEntity
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            output.append(contentsOf: entity)
            runStart = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}

private let ampersandEntity = Array("&amp;".utf8)
private let lessThanEntity = Array("&lt;".utf8)
private let greaterThanEntity = Array("&gt;".utf8)
private let quotationMarkEntity = Array("&quot;".utf8)
private let apostropheEntity = Array("&#39;".utf8)
