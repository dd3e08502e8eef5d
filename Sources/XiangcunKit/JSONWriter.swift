import Foundation

/// JSON written field by field into UTF-8 bytes, for replies of thousands of items (a bulk
/// batch's per-item results), where `JSONEncoder`'s boxing of each value was an eighth of the
/// server's time (12 % in `bench ingest` on PostgreSQL). The caller writes the structure; this
/// escapes strings and places commas.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// Whether the container being written already has a member (a comma comes next).
    private var hasMember: [Bool] = [false]

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    public mutating func openObject() { beforeValue(); bytes.append(UInt8(ascii: "{")); hasMember.append(false) }
    public mutating func closeObject() { bytes.append(UInt8(ascii: "}")); hasMember.removeLast() }
    public mutating func openArray() { beforeValue(); bytes.append(UInt8(ascii: "[")); hasMember.append(false) }
    public mutating func closeArray() { bytes.append(UInt8(ascii: "]")); hasMember.removeLast() }

    /// `"name":` (the value follows).
    public mutating func key(_ name: String) {
        beforeValue()
        quoted(name)
        bytes.append(UInt8(ascii: ":"))
        // The value right after a key takes no comma.
        hasMember[hasMember.count - 1] = false
    }

    public mutating func string(_ value: String) { beforeValue(); quoted(value) }
    public mutating func int(_ value: Int) { beforeValue(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { beforeValue(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { beforeValue(); bytes.append(contentsOf: "null".utf8) }

    /// Members `"name": value` with `value` nil left out (as a synthesized `Encodable` does).
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name); string(value)
    }

    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }

    /// A `[String: String]` object, its keys sorted (a stable reply).
    public mutating func field(_ name: String, _ value: [String: String]?) {
        guard let value else { return }
        key(name)
        openObject()
        for (k, v) in value.sorted(by: { $0.key < $1.key }) { key(k); string(v) }
        closeObject()
    }

    public mutating func field(_ name: String, _ values: [String]?) {
        guard let values else { return }
        key(name)
        openArray()
        for v in values { string(v) }
        closeArray()
    }

    private mutating func beforeValue() {
        let last = hasMember.count - 1
        if hasMember[last] { bytes.append(UInt8(ascii: ",")) }
        hasMember[last] = true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// The string in double quotes: `"` and `\` escaped, control characters as `\n`, `\t` … or
    /// `\u00XX`; everything else as its UTF-8.
    private mutating func quoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (waybills, ids, outcomes) need no escape: copied whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: s.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20: bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
