import Foundation

extension CSV {
    /// Writes rows as CSV. Fields are quoted only when they hold the separator, a quote, CR or LF
    /// (or leading/trailing spaces). Default: UTF-8 with BOM and CRLF, which Chinese Excel opens.
    /// `protectFormulas` prefixes `'` to text starting with `=`, `+`, `-`, `@` (unless it is a
    /// plain number) so a spreadsheet never runs user data as a formula.
    public static func write(_ rows: [[String]], encoding: OutputEncoding = .utf8WithBOM,
                             separator: Character = ",", lineEnding: String = "\r\n",
                             protectFormulas: Bool = true) throws(DocumentsError) -> Data {
        var text = ""
        for row in rows {
            text += row.map { quote($0, separator: separator, protectFormulas: protectFormulas) }
                .joined(separator: String(separator))
            text += lineEnding
        }
        switch encoding {
        case .utf8WithBOM:
            return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
        case .utf8:
            return Data(text.utf8)
        case .gb18030:
            return try TextEncoder.encode(text, as: .gb18030)
        }
    }

    /// One field, quoted if needed.
    public static func quote(_ field: String, separator: Character = ",", protectFormulas: Bool = false) -> String {
        var value = field
        if protectFormulas, let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first),
           !isPlainNumber(value) {
            value = "'" + value
        }
        let sep = separator.unicodeScalars.first ?? ","
        let needsQuotes = value.unicodeScalars.contains { $0 == sep || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func isPlainNumber(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { "0123456789.+-eE".unicodeScalars.contains($0) } && Decimal(string: value) != nil
    }
}
