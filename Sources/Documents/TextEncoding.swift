import Foundation

/// Text encodings the module reads and writes.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8
    /// GB 18030-2000 (a superset of GBK and GB 2312), what Chinese Excel writes for "CSV".
    case gb18030
    case utf16LittleEndian
    case utf16BigEndian

    public var displayName: String {
        switch self {
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        case .utf16LittleEndian: return "UTF-16LE"
        case .utf16BigEndian: return "UTF-16BE"
        }
    }

    var foundation: String.Encoding {
        switch self {
        case .utf8: return .utf8
        case .gb18030: return String.Encoding(rawValue: 0x8000_0632)
        case .utf16LittleEndian: return .utf16LittleEndian
        case .utf16BigEndian: return .utf16BigEndian
        }
    }
}

/// Decoding bytes to text with encoding detection and precise error positions.
public enum TextDecoding {
    /// Which encoding to read with.
    public enum Choice: Sendable, Hashable {
        /// A BOM decides; otherwise valid UTF-8 is UTF-8 and anything else is GB18030.
        case automatic
        case encoding(TextEncoding)
    }

    /// Decodes `data`, dropping a byte order mark. Returns the text and the encoding used.
    public static func decode(_ data: Data, as choice: Choice = .automatic) throws(DocumentsError) -> (text: String, encoding: TextEncoding) {
        let bytes = [UInt8](data)
        let bomEncoding: TextEncoding?
        let bomLength: Int
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            (bomEncoding, bomLength) = (.utf8, 3)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            (bomEncoding, bomLength) = (.utf16LittleEndian, 2)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            (bomEncoding, bomLength) = (.utf16BigEndian, 2)
        } else {
            (bomEncoding, bomLength) = (nil, 0)
        }
        let encoding: TextEncoding
        switch choice {
        case .encoding(let chosen):
            encoding = chosen
        case .automatic:
            if let bomEncoding {
                encoding = bomEncoding
            } else {
                encoding = firstInvalidUTF8Offset(bytes, from: 0) == nil ? .utf8 : .gb18030
            }
        }
        let start = (bomEncoding == encoding) ? bomLength : 0
        let body = bytes[start...]
        if encoding == .utf8 {
            if let bad = firstInvalidUTF8Offset(bytes, from: start) {
                throw .invalidText(encoding: .utf8, line: lineNumber(of: bad, in: bytes), byteOffset: bad)
            }
            return (String(decoding: body, as: UTF8.self), .utf8)
        }
        if encoding == .gb18030, let bad = firstInvalidGB18030Offset(bytes, from: start) {
            throw .invalidText(encoding: .gb18030, line: lineNumber(of: bad, in: bytes), byteOffset: bad)
        }
        guard let text = String(data: Data(body), encoding: encoding.foundation) else {
            throw .invalidText(encoding: encoding, line: 1, byteOffset: start)
        }
        return (text, encoding)
    }

    /// The 1-based line containing byte `offset` (lines end with LF, CRLF or a lone CR).
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < offset && index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
            } else if bytes[index] == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A) {
                line += 1
            }
            index += 1
        }
        return line
    }

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            if bytes[i + 1] < lower || bytes[i + 1] > upper { return i }
            for k in 2..<max(length, 2) where bytes[i + k] < 0x80 || bytes[i + k] > 0xBF {
                return i
            }
            i += length
        }
        return nil
    }

    /// Offset of the first byte that breaks the GB18030 byte structure.
    static func firstInvalidGB18030Offset(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard (0x81...0xFE).contains(b), i + 1 < n else { return i }
            let b2 = bytes[i + 1]
            if (0x40...0x7E).contains(b2) || (0x80...0xFE).contains(b2) {
                i += 2
            } else if (0x30...0x39).contains(b2) {
                guard i + 3 < n, (0x81...0xFE).contains(bytes[i + 2]), (0x30...0x39).contains(bytes[i + 3]) else {
                    return i
                }
                i += 4
            } else {
                return i
            }
        }
        return nil
    }
}

enum TextEncoder {
    static func encode(_ text: String, as encoding: TextEncoding) throws(DocumentsError) -> Data {
        if encoding == .utf8 { return Data(text.utf8) }
        guard let data = text.data(using: encoding.foundation, allowLossyConversion: false) else {
            throw .unencodable(encoding: encoding)
        }
        return data
    }
}
