/// An exact amount of money in fen (分, 1/100 yuan). Never binary floating point.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }
    public static let zero = Money(fen: 0)

    /// Parses yuan ("1234.5", "1,234.56") exactly.
    public init(yuan text: String) throws(MoneyError) {
        fen = try Self.parse(text, scale: 100)
    }

    /// Parses 万元 ("1910", "955.00", "0.35") exactly; at most 6 decimals (= fen).
    public init(wanYuan text: String) throws(MoneyError) {
        fen = try Self.parse(text, scale: 1_000_000)
    }

    static func parse(_ raw: String, scale: Int64) throws(MoneyError) -> Int64 {
        let text = raw.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
        guard !text.isEmpty else { throw .empty }
        var negative = false
        var body = Substring(text)
        if body.first == "-" { negative = true; body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = pieces.first,
              !(whole.isEmpty && (pieces.count < 2 || pieces[1].isEmpty)),
              whole.allSatisfy(\.isASCIIDigit) else { throw .notANumber(raw) }
        let fraction = pieces.count == 2 ? pieces[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit) else { throw .notANumber(raw) }
        let scaleDigits = String(scale).count - 1
        guard fraction.count <= scaleDigits else { throw .tooPrecise(raw) }
        let padded = fraction + String(repeating: "0", count: scaleDigits - fraction.count)
        guard let w = Int64(whole.isEmpty ? "0" : whole), let f = Int64(padded.isEmpty ? "0" : padded),
              w <= Int64.max / scale / 10 else { throw .tooLarge(raw) }
        let value = w * scale + f
        return negative ? -value : value
    }

    /// "12.35" yuan with two decimals.
    public var yuanText: String { Self.format(fen, divisor: 100, decimals: 2) }

    /// 万元 rounded half-up to two decimals, as reports show it: "1910.00".
    public var wanYuanText: String {
        let hundredths = Self.roundedDivide(fen, by: 10_000) // 0.01 万元 = 100 yuan = 10,000 fen
        return Self.format(hundredths, divisor: 100, decimals: 2)
    }

    static func roundedDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let q = value / divisor, r = value % divisor
        if abs(r) * 2 >= divisor { return q + (value < 0 ? -1 : 1) }
        return q
    }

    static func format(_ units: Int64, divisor: Int64, decimals: Int) -> String {
        let sign = units < 0 ? "-" : ""
        let a = abs(units)
        let frac = String(a % divisor)
        return "\(sign)\(a / divisor).\(String(repeating: "0", count: decimals - frac.count))\(frac)"
    }

    public var description: String { yuanText }
    public static func < (l: Self, r: Self) -> Bool { l.fen < r.fen }
    public static func + (l: Self, r: Self) -> Self { Money(fen: l.fen + r.fen) }
    public static func - (l: Self, r: Self) -> Self { Money(fen: l.fen - r.fen) }
    public static func += (l: inout Self, r: Self) { l.fen += r.fen }
}

public enum MoneyError: Error, Equatable, Sendable {
    case empty, notANumber(String), tooPrecise(String), tooLarge(String)
}

/// A rate as an exact fraction; shown as a percentage with two decimals, rounded half-up.
public struct Rate: Sendable, Hashable {
    public let numerator: Int64
    public let denominator: Int64

    public init?(_ numerator: Int64, of denominator: Int64) {
        guard denominator != 0 else { return nil }
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Basis points ×100 (i.e. hundredths of a percent), rounded half-up: 5000 = 50.00%.
    public var hundredthsOfPercent: Int64 {
        Money.roundedDivide(numerator * 10_000, by: denominator)
    }

    public var percentText: String {
        Money.format(hundredthsOfPercent, divisor: 100, decimals: 2) + "%"
    }

    public func capped(at limit: Int64 = 1) -> Rate {
        numerator > denominator * limit ? Rate(denominator * limit, of: denominator) ?? self : self
    }
}

extension Character {
    public var isASCIIDigit: Bool { isASCII && isNumber }
}
