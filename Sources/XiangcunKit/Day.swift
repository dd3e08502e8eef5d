import Foundation

/// A calendar date without a time (deadlines, report dates, disbursement dates), as the
/// county means it in Beijing time.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month), day >= 1, day <= Self.daysIn(month, year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// "2021-06-30", also "2021/6/30" and "2021年6月30日".
    public init?(_ text: String) {
        let normalized = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let parts = normalized.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for differences between days.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// Today in Beijing time.
    public static func today(now: Date = Date()) -> Day {
        Day(ordinal: Int(((now.timeIntervalSince1970 + 8 * 3600) / 86400).rounded(.down)))
    }

    /// Midnight at the start of this day in Beijing, as a UTC instant.
    public var startInBeijing: Date { Date(timeIntervalSince1970: Double(ordinal) * 86400 - 8 * 3600) }

    /// "2021-06-30". Built digit by digit: `String(format:)` goes through `vfprintf` and showed
    /// up in the bulk-ingest profile, where every parcel and scan row carries its day.
    public var iso: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }

    /// Zero-padded decimal (non-negative values; a negative year keeps its sign unpadded).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return value < 0 || digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    /// "2021年6月30日"
    public var chinese: String { "\(year)年\(month)月\(day)日" }
    public var description: String { iso }
    public static func < (l: Day, r: Day) -> Bool { l.ordinal < r.ordinal }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date (yyyy-mm-dd): \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}
