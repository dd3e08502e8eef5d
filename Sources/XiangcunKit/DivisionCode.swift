import Foundation

/// A 12-digit NBS statistical division code (统计用区划代码):
/// province 2, city 2, county 2, township 3, village 3 digits.
public struct DivisionCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Always exactly 12 ASCII digits.
    public let value: String

    /// Accepts the full 12 digits or a short form (2, 4, 6 or 9 digits) that is zero-padded.
    public init(_ text: String) throws(DivisionCodeError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .notDigits(trimmed) }
        guard [2, 4, 6, 9, 12].contains(trimmed.count) else { throw .badLength(trimmed) }
        let padded = trimmed + String(repeating: "0", count: 12 - trimmed.count)
        guard let province = Int(padded.prefix(2)), Self.provinceCodes.contains(province) else {
            throw .unknownProvince(trimmed)
        }
        // A lower level may only be non-zero if every higher level is non-zero.
        let parts = Self.parts(of: padded)
        var seenZero = false
        for part in parts.dropFirst() {
            if part == 0 { seenZero = true } else if seenZero { throw .gap(trimmed) }
        }
        value = padded
    }

    /// The province codes in use by NBS (incl. Taiwan, Hong Kong, Macao).
    static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
    ]

    static func parts(of padded: String) -> [Int] {
        let digits = Array(padded.utf8).map { Int($0) - 48 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
        return [number(0..<2), number(2..<4), number(4..<6), number(6..<9), number(9..<12)]
    }

    public var level: DivisionLevel {
        let parts = Self.parts(of: value)
        if parts[4] != 0 { return .village }
        if parts[3] != 0 { return .township }
        if parts[2] != 0 { return .county }
        if parts[1] != 0 { return .city }
        return .province
    }

    /// The code of the enclosing unit, nil for a province.
    public var parent: DivisionCode? {
        let keep: Int
        switch level {
        case .province: return nil
        case .city: keep = 2
        case .county: keep = 4
        case .township: keep = 6
        case .village: keep = 9
        }
        return try? DivisionCode(String(value.prefix(keep)))
    }

    /// The significant digits only: "331123" for a county, "331123102" for a township.
    public var short: String { String(value.prefix(level.significantDigits)) }

    /// Whether `self` lies inside `other` (or is it).
    public func isWithin(_ other: DivisionCode) -> Bool {
        value.hasPrefix(other.short)
    }

    /// The county this code belongs to (nil above county level).
    public var county: DivisionCode? {
        guard level >= .county else { return nil }
        return try? DivisionCode(String(value.prefix(6)))
    }

    public var province: DivisionCode {
        (try? DivisionCode(String(value.prefix(2)))) ?? self
    }

    /// For townships, the NBS code range tells street office, town or township.
    public var townshipKind: TownshipKind? {
        guard level == .township else { return nil }
        return TownshipKind(number: Self.parts(of: value)[3])
    }

    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

public enum DivisionLevel: Int, Comparable, Sendable, Codable, CaseIterable {
    case province = 1, city, county, township, village

    public var significantDigits: Int { [2, 4, 6, 9, 12][rawValue - 1] }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var messageKey: String { "division.level.\(self)" }
}

/// 街道 (001–099), 镇 (100–199), 乡 (200–399); 400–599 are other township-level units
/// (development zones, farms …) in the NBS scheme.
public enum TownshipKind: String, Sendable, Codable, CaseIterable {
    case street, town, township, other

    init(number: Int) {
        switch number {
        case 1...99: self = .street
        case 100...199: self = .town
        case 200...399: self = .township
        default: self = .other
        }
    }
    public var messageKey: String { "division.township.\(rawValue)" }
}

public enum DivisionCodeError: Error, Equatable, Sendable {
    case empty, notDigits(String), badLength(String), unknownProvince(String), gap(String)

    public var message: String {
        switch self {
        case .empty: return "division code is empty"
        case .notDigits(let s): return "division code \(s) must contain digits only"
        case .badLength(let s): return "division code \(s) must have 2, 4, 6, 9 or 12 digits"
        case .unknownProvince(let s): return "division code \(s) starts with an unknown province"
        case .gap(let s): return "division code \(s) has a zero level above a non-zero one"
        }
    }
}
