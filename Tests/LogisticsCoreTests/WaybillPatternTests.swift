import Foundation
@testable import LogisticsCore
import Testing

/// Waybill patterns matched on bytes answer exactly as the regular expression does, for the
/// default carriers' patterns and other forms a county may write; forms the byte matcher does not
/// read, and waybills that are not plain ASCII, are left to the regular expression.
@Suite struct WaybillPatternTests {
    static let forms = CarrierSpec.defaults.map(\.pattern) + [
        "^ZT\\d{12}$", "^[A-Z]{2}\\d{9}[A-Z]{2}$", "^(A|AB)(C|BC)\\d{0,2}$", "^X-\\d{3,5}-[0-9A-F]{4}$", "^(12|1)(23|3)$", "^(a|)b$",
    ]

    /// Random waybill-like texts, and ones built to match each default pattern nearly or wholly.
    static func corpus() -> [String] {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFJLNPSTXYZ-")
        var texts = (0..<3000).map { _ in String((0..<Int.random(in: 1...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "0" }) }
        for prefix in ["", "SF", "YT", "JT", "JD", "CN", "LP", "E", "EA", "73", "75", "77", "88", "55", "43", "46", "31", "2", "6", "1", "9", "ZT", "X-", "A", "AB", "ABC"] {
            for length in 0...17 {
                texts.append(prefix + String((0..<length).map { _ in alphabet[Int.random(in: 0..<10, using: &generator)] }))
                texts.append(prefix + String(repeating: "1", count: length) + "CN")
            }
        }
        return texts + ["", "EA123456789CN", "EA12345678CN", "SF1234567890123", "SF12345678901234", "7312345678901", "73123456789012", "X-123-0AF9", "ABC", "ABBC12", "b", "ab"]
    }

    @Test func bytesAndRegularExpressionAgree() throws {
        let texts = Self.corpus()
        for form in Self.forms {
            let fast = try #require(WaybillPattern(form), "\(form) is a form the byte matcher reads")
            let re = try NSRegularExpression(pattern: form)
            for text in texts {
                let expected = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(fast.matches(text) == expected, "\(form) on \(text)")
            }
        }
    }

    @Test func otherFormsAndTextsAreLeftToTheRegularExpression() throws {
        for form in ["^A+$", "^\\d*$", "^A?B$", "^[^A]\\d$", "^(AB){2}$", "^a|b$", "\\d{3}", "^\\w{3}$", "^.{3}$", "^\\d{3,}$", "^[A-]$", "^(?:A)$", "^A$B$"] {
            #expect(WaybillPattern(form) == nil, "\(form)")
        }
        let zto = try #require(WaybillPattern("^(7[35]\\d{12}|[26]\\d{11})$"))
        #expect(zto.matches("73123456789012") == true && zto.matches("7312345678901") == false)
        // A line break or a non-ASCII digit: the regular expression decides.
        #expect(zto.matches("73123456789012\n") == nil && zto.matches("7312345678901٢") == nil)
        // Through the matcher both answer the same.
        let matcher = CarrierMatcher(CarrierSpec.defaults)
        #expect(matcher.suggest("73123456789012") == ["zto"] && matcher.mismatch("73123456789012", declared: "sf"))
        #expect(!matcher.mismatch("SF1234567890123", declared: "sf") && matcher.suggest("NOPE").isEmpty)
    }
}
