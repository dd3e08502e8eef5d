/// Cell formats used by the writer, collected into styles.xml `cellXfs`.
struct XLSXStyleKey: Hashable {
    enum Format: Hashable {
        case general
        case decimal(Int)
        case percent(Int)
        case date
    }
    enum Font: Int { case normal = 0, bold = 1, title = 2 }
    enum Horizontal: String { case general, left, center, right }

    var format: Format = .general
    var font: Font = .normal
    var shaded = false
    var bordered = false
    var horizontal: Horizontal = .general
    var wrap = false
}

/// Assigns `cellXfs` indexes in first-use order (index 0 is the default style).
struct XLSXStyles {
    private(set) var keys: [XLSXStyleKey] = [XLSXStyleKey()]
    private var indexes: [XLSXStyleKey: Int] = [XLSXStyleKey(): 0]
    private var customFormats: [String] = []

    mutating func index(_ key: XLSXStyleKey) -> Int {
        if let index = indexes[key] { return index }
        keys.append(key)
        indexes[key] = keys.count - 1
        return keys.count - 1
    }

    private static func formatCode(_ format: XLSXStyleKey.Format) -> (builtin: Int?, code: String) {
        func zeros(_ places: Int) -> String {
            places <= 0 ? "0" : "0." + String(repeating: "0", count: min(places, 15))
        }
        switch format {
        case .general: return (0, "General")
        case .decimal(let p) where p <= 0: return (1, "0")
        case .decimal(2): return (2, "0.00")
        case .decimal(let p): return (nil, zeros(p))
        case .percent(let p) where p <= 0: return (9, "0%")
        case .percent(2): return (10, "0.00%")
        case .percent(let p): return (nil, zeros(p) + "%")
        case .date: return (nil, "yyyy-mm-dd")
        }
    }

    func xml() -> String {
        var custom: [String: Int] = [:]
        var customOrder: [String] = []
        var numFmtIds: [Int] = []
        for key in keys {
            let (builtin, code) = Self.formatCode(key.format)
            if let builtin {
                numFmtIds.append(builtin)
            } else if let id = custom[code] {
                numFmtIds.append(id)
            } else {
                let id = 164 + customOrder.count
                custom[code] = id
                customOrder.append(code)
                numFmtIds.append(id)
            }
        }
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if !customOrder.isEmpty {
            x += #"<numFmts count="\#(customOrder.count)">"#
            for code in customOrder {
                x += #"<numFmt numFmtId="\#(custom[code] ?? 164)" formatCode="\#(XMLEscape.attribute(code))"/>"#
            }
            x += "</numFmts>"
        }
        let font = #"<sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/>"#
        x += #"<fonts count="3"><font>\#(font)</font><font><b/>\#(font)</font>"#
        x += #"<font><b/><sz val="14"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>"#
        x += #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        x += #"<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        let side = #"style="thin"><color auto="1"/"#
        x += #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        x += "<border><left \(side)></left><right \(side)></right><top \(side)></top><bottom \(side)></bottom><diagonal/></border></borders>"
        x += #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        x += #"<cellXfs count="\#(keys.count)">"#
        for (key, numFmtId) in zip(keys, numFmtIds) {
            x += #"<xf numFmtId="\#(numFmtId)" fontId="\#(key.font.rawValue)" fillId="\#(key.shaded ? 2 : 0)" borderId="\#(key.bordered ? 1 : 0)" xfId="0""#
            if numFmtId != 0 { x += #" applyNumberFormat="1""# }
            if key.font != .normal { x += #" applyFont="1""# }
            if key.shaded { x += #" applyFill="1""# }
            if key.bordered { x += #" applyBorder="1""# }
            if key == XLSXStyleKey() {
                x += "/>"
                continue
            }
            x += #" applyAlignment="1"><alignment"#
            if key.horizontal != .general { x += #" horizontal="\#(key.horizontal.rawValue)""# }
            x += #" vertical="center""#
            if key.wrap { x += #" wrapText="1""# }
            x += "/></xf>"
        }
        x += "</cellXfs>"
        x += #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        x += #"<dxfs count="0"/><tableStyles count="0"/></styleSheet>"#
        return x
    }
}

/// Shared string table (deduplicated, first-use order).
struct XLSXSharedStrings {
    private(set) var strings: [String] = []
    private var indexes: [String: Int] = [:]
    private(set) var references = 0

    mutating func index(_ string: String) -> Int {
        references += 1
        if let index = indexes[string] { return index }
        strings.append(string)
        indexes[string] = strings.count - 1
        return strings.count - 1
    }

    func xml() -> String {
        var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        x += #"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(strings.count)">"#
        for string in strings {
            x += "<si>" + XLSX.textElement(string) + "</si>"
        }
        return x + "</sst>"
    }
}

extension XLSX {
    /// `<t>` with `xml:space="preserve"` when needed and `_xHHHH_` sequences protected.
    static func textElement(_ string: String) -> String {
        let escaped = XMLEscape.text(protectEscapes(string))
        let preserve = string.first?.isWhitespace == true || string.last?.isWhitespace == true
            || string.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\t" }
        return (preserve ? #"<t xml:space="preserve">"# : "<t>") + escaped + "</t>"
    }

    /// Excel reads `_x0041_` in string content as an escaped character; literal occurrences are
    /// written as `_x005F_x0041_`.
    static func protectEscapes(_ string: String) -> String {
        guard string.contains("_x") else { return string }
        let scalars = Array(string.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if isEscapeSequence(scalars, at: i) {
                out.append(contentsOf: "_x005F".unicodeScalars)
            }
            out.append(scalars[i])
            i += 1
        }
        return String(out)
    }

    static func isEscapeSequence(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        guard i + 6 < s.count, s[i] == "_", s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}
