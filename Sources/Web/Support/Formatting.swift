import Foundation

/// Times are stored in UTC and shown in Beijing time (China has no daylight saving time).
enum Beijing {
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    static func format(_ date: Date?, pattern: String = "yyyy-MM-dd HH:mm") -> String {
        guard let date else { return "" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = pattern
        return f.string(from: date)
    }

    /// Parses "yyyy-MM-dd" as the start of that day in Beijing time.
    static func day(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd"
        return f.date(from: text)
    }
}
