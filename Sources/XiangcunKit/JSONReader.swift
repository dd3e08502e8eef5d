import Foundation

/// A strict JSON reader (RFC 8259) over UTF-8 bytes that reads straight into the values a
/// bulk request needs, in one pass, with no tree in between.
///
/// Why: decoding a 2,000-item batch through `Codable` was a seventh of the server's time in
/// `bench ingest` (a keyed container, a dictionary and boxed values per item). Here each
/// item's fields are read as they come. Errors say where: the byte offset of bad syntax, and
/// to the caller which value had the wrong kind.
public struct JSONReader {
    public enum Failure: Error, Equatable {
        /// Not JSON: what was expected at the byte offset.
        case syntax(offset: Int, expected: String)
        /// JSON, but not the kind of value asked for ("string", "integer", "object", "array").
        case kind(expected: String)
    }

    /// Nesting deeper than this is refused (a skipped value is read recursively).
    public static let maxDepth = 64

    private let bytes: [UInt8]
    private var at = 0
    private var depth = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The byte offset of the next value (for error messages).
    public var offset: Int { at }

    // MARK: Containers

    /// Reads an object, calling `field` with each key; `field` must read or skip the value.
    public mutating func readObject(_ field: (String, inout JSONReader) throws -> Void) throws {
        try open(UInt8(ascii: "{"), "object")
        defer { depth -= 1 }
        skipSpace()
        if peek == UInt8(ascii: "}") { at += 1; return }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw syntax("a key in double quotes") }
            let key = try readStringBody()
            try expect(UInt8(ascii: ":"))
            try field(key, &self)
            try expectEither(UInt8(ascii: ","), or: UInt8(ascii: "}"), "',' or '}'")
            if bytes[at - 1] == UInt8(ascii: "}") { return }
        }
    }

    /// Reads an array, calling `element` with each index; `element` must read or skip the value.
    public mutating func readArray(_ element: (Int, inout JSONReader) throws -> Void) throws {
        try open(UInt8(ascii: "["), "array")
        defer { depth -= 1 }
        skipSpace()
        if peek == UInt8(ascii: "]") { at += 1; return }
        var index = 0
        while true {
            try element(index, &self)
            index += 1
            try expectEither(UInt8(ascii: ","), or: UInt8(ascii: "]"), "',' or ']'")
            if bytes[at - 1] == UInt8(ascii: "]") { return }
        }
    }

    // MARK: Scalars (nil for JSON null)

    public mutating func readString() throws -> String? {
        skipSpace()
        if try readNull() { return nil }
        guard peek == UInt8(ascii: "\"") else { try skipValue(); throw Failure.kind(expected: "string") }
        return try readStringBody()
    }

    /// A whole number within `Int`; a fraction or an exponent is the wrong kind.
    public mutating func readInt() throws -> Int? {
        skipSpace()
        if try readNull() { return nil }
        guard let first = peek, first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            try skipValue(); throw Failure.kind(expected: "integer")
        }
        let start = at
        try skipNumber()
        return try Self.integer(bytes[start..<at])
    }

    /// The digits of a number already checked as JSON, as an `Int`: a fraction, an exponent or
    /// a value out of range is the wrong kind.
    private static func integer(_ number: ArraySlice<UInt8>) throws -> Int {
        let negative = number.first == UInt8(ascii: "-")
        var value = 0
        for b in number.dropFirst(negative ? 1 : 0) {
            guard isDigit(b) else { throw Failure.kind(expected: "integer") }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(Int(b - 0x30)) : times10.addingReportingOverflow(Int(b - 0x30))
            guard !o1, !o2 else { throw Failure.kind(expected: "integer") }
            value = next
        }
        return value
    }

    /// Skips any one value (checking its syntax).
    public mutating func skipValue() throws {
        skipSpace()
        switch peek {
        case UInt8(ascii: "{"): try readObject { _, r in try r.skipValue() }
        case UInt8(ascii: "["): try readArray { _, r in try r.skipValue() }
        case UInt8(ascii: "\""): _ = try readStringBody()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try skipNumber()
        }
    }

    /// After the top-level value: only white space may follow.
    public mutating func end() throws {
        skipSpace()
        guard at == bytes.count else { throw syntax("the end of the body") }
    }

    // MARK: Lexing

    private var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

    private func syntax(_ expected: String) -> Failure { .syntax(offset: at, expected: expected) }

    private mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }

    private mutating func open(_ byte: UInt8, _ kind: String) throws {
        skipSpace()
        guard peek == byte else {
            if peek == nil { throw syntax(kind) }
            try skipValue()
            throw Failure.kind(expected: kind)
        }
        guard depth < Self.maxDepth else { throw syntax("at most \(Self.maxDepth) levels of nesting") }
        depth += 1
        at += 1
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard peek == byte else { throw syntax("'\(Character(Unicode.Scalar(byte)))'") }
        at += 1
    }

    private mutating func expectEither(_ a: UInt8, or b: UInt8, _ what: String) throws {
        skipSpace()
        guard let c = peek, c == a || c == b else { throw syntax(what) }
        at += 1
    }

    private mutating func readNull() throws -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard at + n <= bytes.count, bytes[at..<at + n].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: n)) else {
            throw syntax("\(word)")
        }
        at += n
    }

    /// -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    private mutating func skipNumber() throws {
        let start = at
        if peek == UInt8(ascii: "-") { at += 1 }
        guard let first = peek, Self.isDigit(first) else { at = start; throw syntax("a value") }
        at += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek == UInt8(ascii: ".") {
            at += 1
            guard let d = peek, Self.isDigit(d) else { throw syntax("a digit") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            at += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { at += 1 }
            guard let d = peek, Self.isDigit(d) else { throw syntax("a digit") }
            skipDigits()
        }
    }

    private mutating func skipDigits() { while let d = peek, Self.isDigit(d) { at += 1 } }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// From the opening quote to past the closing one. Text without escapes is taken as it is
    /// (checked as UTF-8); escapes, including surrogate pairs, are decoded.
    private mutating func readStringBody() throws -> String {
        at += 1
        let start = at
        while at < bytes.count {
            let b = bytes[at]
            if b == UInt8(ascii: "\"") {
                at += 1
                return try utf8(bytes[start..<at - 1])
            }
            if b == UInt8(ascii: "\\") { return try readEscaped(from: start) }
            guard b >= 0x20 else { throw syntax("no control characters inside a string") }
            at += 1
        }
        throw syntax("'\"' closing the string")
    }

    private mutating func readEscaped(from start: Int) throws -> String {
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let b = bytes[at]
            at += 1
            switch b {
            case UInt8(ascii: "\""): return try utf8(out[...])
            case UInt8(ascii: "\\"):
                guard let e = peek else { throw syntax("an escape") }
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: String(Character(try readUnicodeEscape())).utf8)
                default: throw syntax("an escape such as \\n or \\u0041")
                }
            default:
                guard b >= 0x20 else { at -= 1; throw syntax("no control characters inside a string") }
                out.append(b)
            }
        }
        throw syntax("'\"' closing the string")
    }

    /// After `\u`: four hex digits, and a second `\uXXXX` when the first is a high surrogate.
    private mutating func readUnicodeEscape() throws -> Unicode.Scalar {
        let first = try readHex4()
        if (0xD800...0xDBFF).contains(first) {
            guard at + 2 <= bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { throw syntax("the low half of a surrogate pair") }
            at += 2
            let second = try readHex4()
            guard (0xDC00...0xDFFF).contains(second), let scalar = Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) else {
                throw syntax("the low half of a surrogate pair")
            }
            return scalar
        }
        guard let scalar = Unicode.Scalar(first) else { throw syntax("a character, not half of a surrogate pair") }
        return scalar
    }

    private mutating func readHex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw syntax("four hex digits") }
        var value: UInt32 = 0
        for b in bytes[at..<at + 4] {
            guard let digit = Character(Unicode.Scalar(b)).hexDigitValue else { throw syntax("four hex digits") }
            value = value << 4 | UInt32(digit)
        }
        at += 4
        return value
    }

    /// Decoding repairs invalid bytes; the text is valid exactly when it kept them all.
    /// (`String(validating:as:)` is generic and not specialised here: it looked its types up at
    /// run time for every string, half of the reader's time.)
    private func utf8(_ slice: ArraySlice<UInt8>) throws -> String {
        let text = String(decoding: slice, as: UTF8.self)
        guard text.utf8.elementsEqual(slice) else { throw syntax("UTF-8 text") }
        return text
    }
}
