import Foundation
import XiangcunKit

/// Times are stored in UTC and shown in Beijing time (China has no daylight saving time).
enum Beijing {
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current

    static func format(_ date: Date?, pattern: String = "yyyy-MM-dd HH:mm") -> String {
        guard let date else { return "" }
        // The patterns pages use, by arithmetic: a DateFormatter per call (it builds an ICU
        // formatter) was a tenth of a trace page's time.
        let (day, second) = Day.split(date, offsetSeconds: 8 * 3600)
        switch pattern {
        case "yyyy-MM-dd HH:mm": return day.iso + " " + Day.clock(second, seconds: false)
        case "yyyy-MM-dd HH:mm:ss": return day.iso + " " + Day.clock(second)
        case "yyyy-MM-dd": return day.iso
        case "HH:mm": return Day.clock(second, seconds: false)
        default: break
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = pattern
        return f.string(from: date)
    }
}
