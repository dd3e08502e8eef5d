/// Turning text into the data bit stream (clause 7.4): one segment in the most compact mode
/// that can hold the whole text, then terminator and padding.
extension QRCode {
    /// The encoding mode of the single segment.
    enum Mode: Sendable, Equatable {
        case numeric, alphanumeric, byte

        /// Four-bit mode indicator (Table 2).
        var indicator: Int {
            switch self {
            case .numeric: return 0b0001
            case .alphanumeric: return 0b0010
            case .byte: return 0b0100
            }
        }

        /// Width of the character-count field (Table 3); it grows at versions 10 and 27.
        func countBits(version: Int) -> Int {
            let group = version <= 9 ? 0 : (version <= 26 ? 1 : 2)
            switch self {
            case .numeric: return [10, 12, 14][group]
            case .alphanumeric: return [9, 11, 13][group]
            case .byte: return [8, 16, 16][group]
            }
        }
    }

    /// The 45 characters of alphanumeric mode, in value order (Table 5).
    static let alphanumericCharset = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)

    /// Text ready to be laid out: its mode and the values the mode encodes
    /// (digit values, alphanumeric values, or UTF-8 bytes).
    struct Segment: Sendable, Equatable {
        let mode: Mode
        let values: [Int]

        init(_ text: String) {
            let bytes = Array(text.utf8)
            if !bytes.isEmpty, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                mode = .numeric
                values = bytes.map { Int($0) - 0x30 }
            } else if !bytes.isEmpty,
                      case let indices = bytes.compactMap({ QRCode.alphanumericCharset.firstIndex(of: $0) }),
                      indices.count == bytes.count {
                mode = .alphanumeric
                values = indices
            } else {
                // Byte mode carries the UTF-8 bytes as they are; readers take UTF-8 by default.
                mode = .byte
                values = bytes.map { Int($0) }
            }
        }

        /// Bits for the payload alone (without mode indicator and count).
        var payloadBits: Int {
            switch mode {
            case .numeric: return values.count / 3 * 10 + [0, 4, 7][values.count % 3]
            case .alphanumeric: return values.count / 2 * 11 + values.count % 2 * 6
            case .byte: return values.count * 8
            }
        }

        /// Total bits at `version`, or nil when the count does not fit its field.
        func bits(version: Int) -> Int? {
            let countBits = mode.countBits(version: version)
            guard values.count < 1 << countBits else { return nil }
            return 4 + countBits + payloadBits
        }

        func append(to buffer: inout BitBuffer, version: Int) {
            buffer.append(mode.indicator, bits: 4)
            buffer.append(values.count, bits: mode.countBits(version: version))
            switch mode {
            case .numeric:
                // Groups of three digits in 10 bits; a final pair in 7, a final digit in 4.
                for start in stride(from: 0, to: values.count, by: 3) {
                    let group = values[start..<min(start + 3, values.count)]
                    buffer.append(group.reduce(0) { $0 * 10 + $1 }, bits: [0, 4, 7, 10][group.count])
                }
            case .alphanumeric:
                // Pairs as 45·first + second in 11 bits; a final single character in 6.
                for start in stride(from: 0, to: values.count, by: 2) {
                    if start + 1 < values.count {
                        buffer.append(values[start] * 45 + values[start + 1], bits: 11)
                    } else {
                        buffer.append(values[start], bits: 6)
                    }
                }
            case .byte:
                for value in values { buffer.append(value, bits: 8) }
            }
        }
    }

    /// Bits appended most significant first, read back as codewords.
    struct BitBuffer: Sendable {
        private(set) var bits: [Bool] = []

        var count: Int { bits.count }

        mutating func append(_ value: Int, bits width: Int) {
            for shift in stride(from: width - 1, through: 0, by: -1) {
                bits.append((value >> shift) & 1 == 1)
            }
        }

        var bytes: [UInt8] {
            stride(from: 0, to: bits.count, by: 8).map { start in
                bits[start..<min(start + 8, bits.count)].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
            }
        }
    }

    /// The data codewords for `segment` in a symbol of `dataCodewords` codewords: segment,
    /// terminator (up to four 0 bits), zero bits to a byte boundary, then the pad codewords
    /// 11101100 and 00010001 alternately (clause 7.4.10).
    static func dataCodewords(_ segment: Segment, version: Int, dataCodewords: Int) -> [UInt8] {
        var buffer = BitBuffer()
        segment.append(to: &buffer, version: version)
        let capacity = dataCodewords * 8
        buffer.append(0, bits: min(4, capacity - buffer.count))
        buffer.append(0, bits: (8 - buffer.count % 8) % 8)
        var codewords = buffer.bytes
        var pad: UInt8 = 0xEC
        while codewords.count < dataCodewords {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// The smallest version whose data capacity at `level` holds `segment`.
    static func smallestVersion(for segment: Segment, level: ErrorCorrection) -> Int? {
        (minVersion...maxVersion).first { version in
            guard let bits = segment.bits(version: version) else { return false }
            return bits <= layout(version: version, level: level).dataCodewords * 8
        }
    }

    /// The most characters (bytes in byte mode) of `mode` that fit in version 40 at `level`:
    /// what the error message quotes.
    static func capacity(mode: Mode, level: ErrorCorrection) -> Int {
        let bits = layout(version: maxVersion, level: level).dataCodewords * 8 - 4 - mode.countBits(version: maxVersion)
        switch mode {
        case .numeric: return bits / 10 * 3 + (bits % 10 >= 7 ? 2 : (bits % 10 >= 4 ? 1 : 0))
        case .alphanumeric: return bits / 11 * 2 + (bits % 11 >= 6 ? 1 : 0)
        case .byte: return bits / 8
        }
    }
}
