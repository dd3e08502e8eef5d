/// Validation and masking of personal and enterprise identifiers.
public enum Identifiers {
    /// GB 11643 resident ID number (身份证号): 17 digits + check character (0-9 or X).
    public static func isValidIDNumber(_ text: String) -> Bool {
        let chars = Array(text.uppercased())
        guard chars.count == 18, let check = idNumberCheck(String(chars[0..<17])) else { return false }
        return chars[17] == check
    }

    /// The GB 11643 check character of the first 17 digits (nil unless exactly 17 ASCII digits).
    public static func idNumberCheck(_ first17: String) -> Character? {
        let chars = Array(first17)
        guard chars.count == 17, chars.allSatisfy(\.isASCIIDigit) else { return nil }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (i, w) in weights.enumerated() { sum += (chars[i].wholeNumberValue ?? 0) * w }
        let checks: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]
        return checks[sum % 11]
    }

    /// GB 32100 unified social credit code (统一社会信用代码): 18 chars from a 31-char alphabet
    /// with a mod-31 check character.
    public static func isValidCreditCode(_ text: String) -> Bool {
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        let chars = Array(text.uppercased())
        guard chars.count == 18 else { return false }
        var values: [Int] = []
        for c in chars {
            guard let v = alphabet.firstIndex(of: c) else { return false }
            values.append(v)
        }
        let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        var sum = 0
        for i in 0..<17 { sum += values[i] * weights[i] }
        let check = (31 - sum % 31) % 31
        return values[17] == check
    }

    /// Whether the text has the shape of a credit code (length and alphabet), checksum aside.
    public static func hasCreditCodeShape(_ text: String) -> Bool {
        let alphabet = Set("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return text.count == 18 && text.uppercased().allSatisfy { alphabet.contains($0) }
    }

    /// "330823199001011234" → "3308**********1234".
    public static func maskIDNumber(_ text: String) -> String {
        mask(text, keepStart: 4, keepEnd: 4)
    }

    /// "13812345678" → "138****5678".
    public static func maskPhone(_ text: String) -> String {
        mask(text, keepStart: 3, keepEnd: 4)
    }

    static func mask(_ text: String, keepStart: Int, keepEnd: Int) -> String {
        let chars = Array(text)
        guard chars.count > keepStart + keepEnd else { return String(repeating: "*", count: chars.count) }
        let hidden = String(repeating: "*", count: chars.count - keepStart - keepEnd)
        return String(chars[..<keepStart]) + hidden + String(chars[(chars.count - keepEnd)...])
    }
}
