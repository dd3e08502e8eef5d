import Foundation
import XiangcunKit

/// Display helpers for exact fractions: percentages with two decimals rounded half-up, 万元.
public enum Percent {
    /// A fraction rounded half-up to `places` decimals of percent and returned as a fraction
    /// again (0.333333… → 0.3333 for two places).
    public static func rounded(_ fraction: Decimal, places: Int = 2) -> Decimal {
        let negative = fraction < 0
        var percent = (negative ? -fraction : fraction) * 100
        var result = Decimal()
        NSDecimalRound(&result, &percent, places, .plain) // half-up (away from zero)
        return (negative ? -result : result) / 100
    }

    /// "33.33%" (half-up, two decimals); nil gives "—".
    public static func text(_ fraction: Decimal?, places: Int = 2) -> String {
        guard let fraction else { return "—" }
        return number(rounded(fraction, places: places) * 100, places: places) + "%"
    }

    /// "33.33" without the sign (for table cells headed "(%)"); nil gives "—".
    public static func plainText(_ fraction: Decimal?, places: Int = 2) -> String {
        guard let fraction else { return "—" }
        return number(rounded(fraction, places: places) * 100, places: places)
    }

    /// A decimal printed with exactly `places` decimals (the value must already be rounded).
    static func number(_ value: Decimal, places: Int) -> String {
        var v = value
        var r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        let negative = r < 0
        let text = NSDecimalNumber(decimal: negative ? -r : r).stringValue
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < places { fraction += String(repeating: "0", count: places - fraction.count) }
        return (negative ? "-" : "") + whole + (places > 0 ? "." + fraction : "")
    }

    /// A `Rate` as a fraction rounded to two decimals of percent (50.00% → 0.5).
    public static func fraction(_ rate: Rate) -> Decimal {
        Decimal(rate.hundredthsOfPercent) / 10_000
    }

    /// An exact decimal without trailing zeros: 2000, 177.5, 0.35.
    public static func plain(_ value: Decimal) -> String {
        NSDecimalNumber(decimal: value).stringValue
    }
}

extension Money {
    /// The amount in 万元 as an exact decimal (fen / 1,000,000).
    public var wanYuan: Decimal { Decimal(fen) / 1_000_000 }
}

extension Rate {
    /// The rate as a fraction rounded half-up to two decimals of percent (what reports show).
    public var displayFraction: Decimal { Percent.fraction(self) }
}
