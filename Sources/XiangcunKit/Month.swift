import Foundation

/// Calendar helpers on the one calendar day (Beijing time). Days are stored as "yyyy-mm-dd"
/// text: sortable and engine-independent.
extension Day {
    /// The Beijing day of an instant.
    public init(_ date: Date) { self = Day.today(now: date) }

    /// A day from parts that are valid by construction (clamped to the month's length).
    public static func of(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(year: year, month: month, day: min(day, Month(year: year, month: month).length)) ?? Day(ordinal: 0)
    }

    public var monthKey: Month { Month(year: year, month: month) }

    /// The instant this day ends (Beijing midnight of the next day), UTC.
    public var endInstant: Date { adding(days: 1).startInBeijing }
}

/// A calendar month "yyyy-MM" (reporting months, monthly statistics).
public struct Month: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    public var text: String { Day.padded(year, 4) + "-" + Day.padded(month, 2) }
    public var description: String { text }
    public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }
    public var previous: Month { month == 1 ? Month(year: year - 1, month: 12) : Month(year: year, month: month - 1) }
    public var firstDay: Day { Day.of(year, month, 1) }
    public var lastDay: Day { Day.of(year, month, length) }

    /// Days in the month.
    public var length: Int { Day.daysIn(month, year) }

    public static func < (l: Month, r: Month) -> Bool { (l.year, l.month) < (r.year, r.month) }
}
