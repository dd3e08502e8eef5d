import Foundation

/// One rule per kind of field, used by every form, import and API, so the same input is judged
/// the same everywhere and refused with a message that names the rule ("最多 100 字", "不能晚于今天").
/// Each rule adds its failure to `failure` under `field` (the first failure of a field wins) and
/// returns the cleaned value, or nil when the input is refused or absent.
public enum FieldRules {
    public static let nameLimit = 100
    public static let textLimit = 2000

    /// A name or a code: one line, trimmed, no control characters, at most `limit` characters.
    public static func name(_ raw: String, field: String, limit: Int = nameLimit, required: Bool = true,
                            into failure: inout ValidationFailure) -> String? {
        let value = raw.trimming(.whitespaces)
        if value.isEmpty {
            if required { failure.add(field, "error.required") }
            return nil
        }
        if mayHaveControls(value), value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            failure.add(field, "error.text.control")
            return nil
        }
        guard fits(value, limit) else { failure.add(field, "error.text.max", "\(limit)"); return nil }
        return value
    }

    /// False when no byte can start a control character (C0, DEL, or C1's lead byte 0xC2): a
    /// batch of thousands of names is checked byte by byte instead of by Unicode properties.
    static func mayHaveControls(_ value: String) -> Bool {
        value.utf8.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }
    }

    /// At most `limit` characters (a text never has more characters than UTF-8 bytes, so most
    /// are decided without counting characters).
    static func fits(_ value: String, _ limit: Int) -> Bool { value.utf8.count <= limit || value.count <= limit }

    /// Free text (narratives, notes, comments): line breaks are kept as line breaks — Windows
    /// `\r\n`, old Mac `\r` and Word's soft line break (`\u{0B}`) all become `\n` — and any other
    /// control character is refused; at most `limit` characters.
    public static func text(_ raw: String, field: String, limit: Int = textLimit, into failure: inout ValidationFailure) -> String {
        let value = normalisedLineBreaks(raw).trimming(.whitespacesAndNewlines)
        if mayHaveControls(value), value.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && $0.properties.generalCategory == .control }) {
            failure.add(field, "error.text.control")
        } else if !fits(value, limit) {
            failure.add(field, "error.text.max", "\(limit)")
        }
        return value
    }

    public static func normalisedLineBreaks(_ text: String) -> String {
        // 0xE2 leads U+2028 (and other punctuation): only then is the text searched.
        guard text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0B || $0 == 0xE2 }) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{0B}", with: "\n").replacingOccurrences(of: "\u{2028}", with: "\n")
    }

    /// The day a fact happened (a payment, a report, a month's figures): a real date, not after today.
    public static func factDay(_ raw: String, field: String, today: Day = .today(), into failure: inout ValidationFailure) -> Day? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { failure.add(field, "error.required"); return nil }
        guard let day = Day(text) else { failure.add(field, "error.date"); return nil }
        guard day <= today else { failure.add(field, "error.future"); return nil }
        return day
    }

    /// A whole number from 0 to `limit` (people, parcels, stations).
    public static func count(_ raw: String, field: String, limit: Int = 10_000_000, into failure: inout ValidationFailure) -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { failure.add(field, "error.required"); return nil }
        guard text.allSatisfy(\.isASCIIDigit), let value = Int(text), value <= limit else {
            failure.add(field, "error.count", "\(limit)")
            return nil
        }
        return value
    }

    /// An amount of money in 元 (at most two decimals), more than zero, at most `limitYuan`.
    public static func yuan(_ raw: String, field: String, limitYuan: Int64 = 100_000_000, into failure: inout ValidationFailure) -> Money? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !text.isEmpty else { failure.add(field, "error.required"); return nil }
        guard let money = try? Money(yuan: text) else { failure.add(field, "error.money.yuan"); return nil }
        guard money.fen > 0 else { failure.add(field, "error.amount.positive"); return nil }
        guard money.fen <= limitYuan * 100 else { failure.add(field, "error.money.max", Money(fen: limitYuan * 100).wanYuanText); return nil }
        return money
    }
}

/// What `String.trimming` takes off the ends.
public enum Blanks: Sendable {
    /// Spaces and tabs (Unicode's Zs).
    case whitespaces
    /// Those and line breaks.
    case whitespacesAndNewlines

    var characters: CharacterSet { self == .whitespaces ? .whitespaces : .whitespacesAndNewlines }
}

extension String {
    /// `trimmingCharacters(in:)`, skipped when neither end is blank (the usual case: on Linux
    /// Foundation's version copies the text through NSString, a cost per field of every item).
    public func trimming(_ blanks: Blanks) -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        // Printable ASCII and everything above U+3000 is neither a space nor a line break: most
        // ends are decided without building a CharacterSet (on Linux each use of `.whitespaces`
        // makes one, which was half the time of a parcel's checks).
        if Self.surelyNotBlank(first) && Self.surelyNotBlank(last) { return self }
        let set = blanks.characters
        return set.contains(first) || set.contains(last) ? trimmingCharacters(in: set) : self
    }

    private static func surelyNotBlank(_ scalar: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(scalar.value) || scalar.value > 0x3000
    }
}
