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
        if let iso = Self.iso(text) { self = iso; return }
        let normalized = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        let parts = normalized.split(separator: "-").map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2] else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// "yyyy-MM-dd" exactly, read from its bytes: the form every stored and cached day has, so
    /// decoding them does not go through the general parser's string replacing.
    private static func iso(_ text: String) -> Day? {
        let utf8 = text.utf8
        return utf8.withContiguousStorageIfAvailable { b -> Day? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var n = 0
                for i in range {
                    guard (48...57).contains(b[i]) else { return nil }
                    n = n * 10 + Int(b[i] - 48)
                }
                return n
            }
            guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
            return Day(year: y, month: m, day: d)
        } ?? nil
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

    /// The day an instant falls on at a fixed offset from UTC, and the seconds since that day's
    /// midnight (Beijing: +8 h all year, China has no daylight saving time).
    public static func split(_ date: Date, offsetSeconds: Int) -> (day: Day, second: Int) {
        let seconds = Int((date.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (Day(ordinal: days), seconds - days * 86_400)
    }

    /// "HH:mm:ss" (or "HH:mm") of a number of seconds since midnight.
    public static func clock(_ second: Int, seconds: Bool = true) -> String {
        let hm = padded(second / 3600, 2) + ":" + padded(second / 60 % 60, 2)
        return seconds ? hm + ":" + padded(second % 60, 2) : hm
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
