import Foundation

extension CSV {
    /// Reads CSV bytes. `encoding` `.automatic`: a BOM decides, else valid UTF-8 is UTF-8, else
    /// GB18030. Quoted fields may hold separators, doubled quotes and line breaks; records end in
    /// CRLF, LF or CR. Blank lines are skipped unless `skipBlankLines` is false. A final line
    /// break does not make an extra record.
    /// - Throws: `DocumentsError.invalidText` (bytes invalid in the encoding),
    ///   `DocumentsError.unterminatedQuote`.
    public static func read(_ data: Data, encoding: TextDecoding.Choice = .automatic,
                            separator: Character = ",", skipBlankLines: Bool = true) throws(DocumentsError) -> Table {
        let (text, used) = try TextDecoding.decode(data, as: encoding)
        let records = try parse(text, separator: separator, skipBlankLines: skipBlankLines)
        return Table(records: records, encoding: used)
    }

    /// Parses already-decoded CSV text (a leading U+FEFF is ignored).
    public static func parse(_ text: String, separator: Character = ",",
                             skipBlankLines: Bool = true) throws(DocumentsError) -> [Record] {
        let sep = separator.unicodeScalars.first ?? ","
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteStartLine = 1
        var fieldStarted = false   // anything seen since the record began
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var i = 0
        let n = scalars.count

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            let record = Record(line: recordLine, fields: fields)
            if !(skipBlankLines && fields.count == 1 && fields[0].isEmpty && !fieldStarted) {
                records.append(record)
            }
            fields = []
            fieldStarted = false
        }

        while i < n {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < n && scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if c == "\n" || (c == "\r" && !(i + 1 < n && scalars[i + 1] == "\n")) { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteStartLine = line
                fieldStarted = true
            case sep:
                fields.append(String(field))
                field = String.UnicodeScalarView()
                fieldStarted = true
            case "\r", "\n":
                if c == "\r" && i + 1 < n && scalars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(c)
                fieldStarted = true
            }
            i += 1
        }
        if inQuotes { throw .unterminatedQuote(line: quoteStartLine) }
        if !field.isEmpty || !fields.isEmpty || fieldStarted { endRecord() }
        return records
    }
}
