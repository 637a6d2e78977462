import Foundation
import Testing

/// One chunk of a PNG file, as stored.
public struct PNGChunk {
    public let type: String
    public let data: [UInt8]
    public let storedCRC: UInt32
}

/// Splits a PNG after its 8-byte signature into chunks, without checking them.
public func chunks(of png: [UInt8]) -> [PNGChunk] {
    func bigEndian(_ offset: Int) -> UInt32 { png[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) } }
    var result: [PNGChunk] = []
    var offset = 8
    while offset + 12 <= png.count {
        let length = Int(bigEndian(offset))
        let dataStart = offset + 8
        result.append(
            PNGChunk(
                type: String(decoding: png[offset + 4..<dataStart], as: UTF8.self),
                data: Array(png[dataStart..<dataStart + length]),
                storedCRC: bigEndian(dataStart + length)))
        offset = dataStart + length + 4
    }
    return result
}

/// What a PNG's IHDR chunk says.
public struct PNGHeader: Equatable {
    public var width: Int
    public var height: Int
    public var bitDepth: UInt8
    public var colourType: UInt8

    public init(width: Int, height: Int, bitDepth: UInt8, colourType: UInt8) {
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colourType = colourType
    }
}

public func header(of png: [UInt8]) throws -> PNGHeader {
    let data = try #require(chunks(of: png).first { $0.type == "IHDR" }).data
    func bigEndian(_ offset: Int) -> Int { data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return PNGHeader(width: bigEndian(0), height: bigEndian(4), bitDepth: data[8], colourType: data[9])
}

/// The RGBA pixels of `png` as a PNG reader written from the specification in Python decodes
/// them, independently of the encoder: it checks every CRC, inflates IDAT with Python's zlib,
/// undoes the row filters and expands palette entries.
public func decodeWithPython(_ png: [UInt8]) throws -> [UInt8] {
    Array(try runPython(pngDecodeScript, input: png))
}

private let pngDecodeScript = #"""
    import struct, sys, zlib
    data = sys.stdin.buffer.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "bad signature"
    pos, chunks = 8, []
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4]); kind = data[pos + 4:pos + 8]; body = data[pos + 8:pos + 8 + n]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])[0], "bad CRC in %r" % kind
        chunks.append((kind, body)); pos += 12 + n
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND", "IHDR must come first and IEND last"
    w, h, depth, ctype, method, filtering, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert (method, filtering, interlace) == (0, 0, 0)
    plte = b"".join(b for k, b in chunks if k == b"PLTE"); trns = b"".join(b for k, b in chunks if k == b"tRNS")
    raw = zlib.decompress(b"".join(b for k, b in chunks if k == b"IDAT"))
    channels = {2: 3, 3: 1, 6: 4}[ctype]; bpp = max(1, channels * depth // 8); stride = (w * channels * depth + 7) // 8
    assert len(raw) == h * (stride + 1), "wrong amount of image data"
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        assert f <= 4, "bad filter type"
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line); prev = line
    out = bytearray()
    for line in rows:
        for x in range(w):
            if ctype == 3:
                bit = x * depth; index = (line[bit // 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1)
                assert 3 * index < len(plte), "index outside the palette"
                out += plte[3 * index:3 * index + 3] + bytes([trns[index] if index < len(trns) else 255])
            elif ctype == 2: out += line[3 * x:3 * x + 3] + b"\xff"
            else: out += line[4 * x:4 * x + 4]
    sys.stdout.buffer.write(out)
    """#
