import XiangcunKit
/// A GS1 Global Trade Item Number (商品条码 GTIN-8/12/13/14), held as 14 digits as GS1 Digital
/// Link writes it. Only numbers whose check digit is right are made.
public struct GTIN: Hashable, Sendable, CustomStringConvertible {
    /// The 14-digit form (shorter GTINs padded with leading zeros).
    public let digits: String

    /// Accepts 8, 12, 13 or 14 digits with a correct check digit; anything else is nil.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard [8, 12, 13, 14].contains(trimmed.count), trimmed.allSatisfy(\.isASCIIDigit) else { return nil }
        let padded = String(repeating: "0", count: 14 - trimmed.count) + trimmed
        guard let check = Self.checkDigit(of: String(padded.dropLast())), String(check) == String(padded.suffix(1)) else { return nil }
        digits = padded
    }

    /// The GS1 mod-10 check digit of the digits before it: weights 3 and 1 alternate from the
    /// right-most digit, and the check digit brings the sum up to a multiple of ten.
    public static func checkDigit(of body: String) -> Int? {
        guard !body.isEmpty, body.allSatisfy(\.isASCIIDigit) else { return nil }
        var sum = 0
        for (i, ch) in body.reversed().enumerated() {
            guard let d = ch.wholeNumberValue else { return nil }
            sum += d * (i % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }

    public var description: String { digits }
}

import Foundation
