/// A waybill pattern in the forms carriers' patterns take, matched on the waybill's bytes:
/// `^…$` around a sequence of literal letters, digits and dashes, `\d`, bracket classes of
/// letters and digits (`[A-Z0-9]`, `[35]`), and groups of alternatives (`(77|88|55)`), each
/// letter, class or `\d` optionally repeated `{n}` or `{n,m}` times.
///
/// Why: `NSRegularExpression` copies every waybill to UTF-16 for ICU; checking each parcel of a
/// batch against its carrier's pattern that way was 1.8 % of the machine's time during an ingest.
/// A pattern in any other form (`+`, `*`, `?`, negated classes, a quantified group…) is left to
/// `NSRegularExpression` (`init` returns nil), and so is a waybill with anything but printable
/// ASCII in it: there the two could differ (`\d` and Unicode digits, `$` before a line break).
struct WaybillPattern: Sendable {
    /// One position of the pattern: a set of bytes repeated `min…max` times, or a group.
    enum Node: Sendable {
        case bytes(ASCIISet, min: Int, max: Int)
        case group([[Node]])
    }

    /// A set of ASCII bytes as two bit masks (a byte looked up without hashing).
    struct ASCIISet: Sendable {
        private var low: UInt64 = 0, high: UInt64 = 0

        mutating func insert(_ b: UInt8) {
            if b < 64 { low |= 1 << UInt64(b) } else if b < 128 { high |= 1 << UInt64(b - 64) }
        }

        func contains(_ b: UInt8) -> Bool {
            b < 64 ? low & (1 << UInt64(b)) != 0 : b < 128 && high & (1 << UInt64(b - 64)) != 0
        }

        var isEmpty: Bool { low == 0 && high == 0 }
    }

    let nodes: [Node]

    init?(_ pattern: String) {
        var parser = Parser(Array(pattern.utf8))
        guard parser.take(UInt8(ascii: "^")), let nodes = parser.sequence(), parser.take(UInt8(ascii: "$")), parser.atEnd else { return nil }
        self.nodes = nodes
    }

    /// Whether the whole waybill matches; nil when it has bytes this matcher leaves to ICU.
    func matches(_ waybill: String) -> Bool? {
        let bytes = Array(waybill.utf8)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return Self.match(nodes[...], bytes, 0) { $0 == bytes.count }
    }

    /// Backtracking, longest repetition first (as a regular expression's greedy `{n,m}`);
    /// `rest` is what must match after `nodes`.
    private static func match(_ nodes: ArraySlice<Node>, _ bytes: [UInt8], _ at: Int, _ rest: (Int) -> Bool) -> Bool {
        guard let node = nodes.first else { return rest(at) }
        let tail = nodes.dropFirst()
        switch node {
        case .bytes(let set, let min, let max):
            var count = 0
            while count < max, at + count < bytes.count, set.contains(bytes[at + count]) { count += 1 }
            guard count >= min else { return false }
            for taken in stride(from: count, through: min, by: -1) where match(tail, bytes, at + taken, rest) { return true }
            return false
        case .group(let alternatives):
            return alternatives.contains { alternative in match(alternative[...], bytes, at) { match(tail, bytes, $0, rest) } }
        }
    }

    /// Reads the supported forms; anything else ends the parse with nil.
    private struct Parser {
        let text: [UInt8]
        var at = 0

        init(_ text: [UInt8]) { self.text = text }

        var atEnd: Bool { at == text.count }
        var peek: UInt8? { at < text.count ? text[at] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            at += 1
            return true
        }

        /// Nodes up to `)`, `|` or `$` (not taken).
        mutating func sequence() -> [Node]? {
            var nodes: [Node] = []
            while let b = peek, b != UInt8(ascii: ")"), b != UInt8(ascii: "|"), b != UInt8(ascii: "$") {
                if take(UInt8(ascii: "(")) {
                    guard let group = alternatives(), take(UInt8(ascii: ")")), !isQuantifier(peek) else { return nil }
                    nodes.append(.group(group))
                    continue
                }
                guard let set = atom() else { return nil }
                guard let (min, max) = repetition() else { return nil }
                nodes.append(.bytes(set, min: min, max: max))
            }
            return nodes
        }

        mutating func alternatives() -> [[Node]]? {
            var all: [[Node]] = []
            repeat {
                guard let alternative = sequence() else { return nil }
                all.append(alternative)
            } while take(UInt8(ascii: "|"))
            return all
        }

        /// A literal letter, digit or dash, `\d`, or a bracket class of letters, digits and ranges.
        mutating func atom() -> ASCIISet? {
            guard let b = peek else { return nil }
            at += 1
            var set = ASCIISet()
            if Self.isLiteral(b) { set.insert(b); return set }
            if b == UInt8(ascii: "\\") {
                guard take(UInt8(ascii: "d")) else { return nil }
                for d in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(d) }
                return set
            }
            guard b == UInt8(ascii: "[") else { return nil }
            while let c = peek, c != UInt8(ascii: "]") {
                guard Self.isLetterOrDigit(c) else { return nil }
                at += 1
                if take(UInt8(ascii: "-")) {
                    guard let end = peek, Self.isLetterOrDigit(end), end >= c else { return nil }
                    at += 1
                    for x in c...end { set.insert(x) }
                } else {
                    set.insert(c)
                }
            }
            guard take(UInt8(ascii: "]")), !set.isEmpty else { return nil }
            return set
        }

        /// `{n}` or `{n,m}` (none: once); nil for a form left to ICU.
        mutating func repetition() -> (Int, Int)? {
            if isQuantifier(peek), peek != UInt8(ascii: "{") { return nil }
            guard take(UInt8(ascii: "{")) else { return (1, 1) }
            guard let min = number() else { return nil }
            var max = min
            if take(UInt8(ascii: ",")) {
                guard let m = number() else { return nil }
                max = m
            }
            guard take(UInt8(ascii: "}")), min <= max else { return nil }
            return (min, max)
        }

        mutating func number() -> Int? {
            var value = 0, digits = 0
            while let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 3 {
                value = value * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
                at += 1
            }
            return digits > 0 ? value : nil
        }

        func isQuantifier(_ b: UInt8?) -> Bool {
            b == UInt8(ascii: "{") || b == UInt8(ascii: "+") || b == UInt8(ascii: "*") || b == UInt8(ascii: "?")
        }

        static func isLetterOrDigit(_ b: UInt8) -> Bool {
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
        }

        static func isLiteral(_ b: UInt8) -> Bool { isLetterOrDigit(b) || b == UInt8(ascii: "-") }
    }
}
