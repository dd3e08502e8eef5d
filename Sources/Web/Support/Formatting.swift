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
}
