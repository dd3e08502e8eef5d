import Foundation

extension XLSX {
    /// Reads every worksheet of a .xlsx: values, real row numbers and column letters, merges.
    /// Handles shared and inline strings, rich text runs (phonetic runs are dropped), cells or
    /// rows without `r` attributes, sparse rows and columns, date formats (built-in, CJK
    /// built-in and custom) and prefixed or strict-namespace XML.
    /// - Throws: `DocumentsError.notAPackage`, `.missingPart`, `.malformedXML`, `.tooLarge`.
    public static func read(_ data: Data) throws(DocumentsError) -> ReadWorkbook {
        let package = try ZipPackage(data)
        let root = try RelationshipsHandler.load(package, for: "")
        let workbookPath = root.first(typeSuffix: "/officeDocument") ?? "xl/workbook.xml"
        let workbook = WorkbookHandler()
        try XMLEvents.parse(try package.requiredPart(workbookPath), part: workbookPath, into: workbook)
        let relationships = try RelationshipsHandler.load(package, for: workbookPath)

        let shared = SharedStringsHandler()
        if let path = relationships.first(typeSuffix: "/sharedStrings"), let data = try package.part(path) {
            try XMLEvents.parse(data, part: path, into: shared)
        }
        let styles = StylesHandler()
        if let path = relationships.first(typeSuffix: "/styles"), let data = try package.part(path) {
            try XMLEvents.parse(data, part: path, into: styles)
        }
        let dateStyles = styles.dateStyleIndexes()

        var sheets: [ReadSheet] = []
        for entry in workbook.sheets {
            guard let relationship = relationships.byId[entry.relationshipId],
                  relationship.type.hasSuffix("/worksheet") else { continue }
            let path = relationship.target
            let handler = SheetHandler(strings: shared.strings, dateStyles: dateStyles)
            try XMLEvents.parse(try package.requiredPart(path), part: path, into: handler)
            sheets.append(ReadSheet(name: entry.name, isHidden: entry.hidden,
                                    rows: handler.finishedRows(), merges: handler.merges))
        }
        return ReadWorkbook(sheets: sheets)
    }
}

private final class WorkbookHandler: XMLEventHandler {
    struct Entry { var name: String; var relationshipId: String; var hidden: Bool }
    var sheets: [Entry] = []

    func start(_ name: String, _ attributes: [String: String]) {
        guard name == "sheet", let sheetName = attributes["name"], let id = attributes["id"] else { return }
        let state = attributes["state"] ?? "visible"
        sheets.append(Entry(name: sheetName, relationshipId: id, hidden: state != "visible"))
    }
    func end(_ name: String) {}
    func text(_ string: String) {}
}

private final class SharedStringsHandler: XMLEventHandler {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "t": inText = phoneticDepth == 0
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "si": strings.append(XLSX.unescapeText(current))
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    func text(_ string: String) {
        if inText { current += string }
    }
}

private final class StylesHandler: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var cellFormatIds: [Int] = []
    private var inCellXfs = false

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init) { customFormats[id] = attributes["formatCode"] ?? "" }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: cellFormatIds.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func end(_ name: String) {
        if name == "cellXfs" { inCellXfs = false }
    }

    func text(_ string: String) {}

    func dateStyleIndexes() -> Set<Int> {
        var result: Set<Int> = []
        for (index, formatId) in cellFormatIds.enumerated() {
            if let code = customFormats[formatId] {
                if Self.isDateFormat(code) { result.insert(index) }
            } else if Self.builtinDateIds.contains(formatId) {
                result.insert(index)
            }
        }
        return result
    }

    /// Built-in date/time formats, including the zh-CN ones (27–36, 50–58).
    static let builtinDateIds: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// A custom format is a date format when, outside quotes, brackets and escapes, it has
    /// y, d, or m without h/s (which would make m minutes), or the CJK 年/月/日 as literals.
    static func isDateFormat(_ code: String) -> Bool {
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        var letters = ""
        var inQuotes = false
        var inBrackets = false
        var escaped = false
        for character in section {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            default:
                if !inQuotes && !inBrackets { letters.append(character.lowercased().first ?? character) }
            }
        }
        if letters.contains("general") { return false }
        if letters.contains("y") || letters.contains("d") { return true }
        return letters.contains("m") && !letters.contains("h") && !letters.contains("s") && !letters.contains("0")
    }
}

private final class SheetHandler: XMLEventHandler {
    let strings: [String]
    let dateStyles: Set<Int>
    private(set) var merges: [XLSX.CellRange] = []
    private var rows: [Int: [XLSX.ReadCell]] = [:]

    private var rowNumber = 0
    private var column = 0
    private var cellType = "n"
    private var cellStyle = 0
    private var value = ""
    private var inline = ""
    private var capturing: Capture = .none
    private var phoneticDepth = 0
    private var inSheetData = false

    private enum Capture { case none, value, inlineText }

    init(strings: [String], dateStyles: Set<Int>) {
        self.strings = strings
        self.dateStyles = dateStyles
    }

    func start(_ name: String, _ attributes: [String: String]) {
        switch name {
        case "sheetData": inSheetData = true
        case "row" where inSheetData:
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            column = 0
        case "c" where inSheetData:
            if let ref = attributes["r"], let position = XLSX.parseReference(ref) {
                rowNumber = position.row
                column = position.column
            } else {
                column += 1
            }
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
            inline = ""
        case "v": capturing = .value
        case "t" where inSheetData: capturing = phoneticDepth == 0 ? .inlineText : .none
        case "rPh": phoneticDepth += 1
        case "mergeCell":
            if let ref = attributes["ref"], let range = XLSX.CellRange(ref) { merges.append(range) }
        default: break
        }
    }

    func end(_ name: String) {
        switch name {
        case "sheetData": inSheetData = false
        case "v", "t": capturing = .none
        case "rPh": phoneticDepth -= 1
        case "c" where inSheetData: finishCell()
        default: break
        }
    }

    func text(_ string: String) {
        switch capturing {
        case .value: value += string
        case .inlineText: inline += string
        case .none: break
        }
    }

    private func finishCell() {
        let raw = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let result: XLSX.Value?
        switch cellType {
        case "s":
            result = Int(raw).flatMap { strings.indices.contains($0) ? .text(strings[$0]) : nil }
        case "inlineStr":
            result = .text(XLSX.unescapeText(inline))
        case "str":
            result = .text(XLSX.unescapeText(value))
        case "b":
            result = raw.isEmpty ? nil : .bool(raw == "1" || raw.lowercased() == "true")
        case "e":
            result = raw.isEmpty ? nil : .error(raw)
        case "d":
            result = raw.isEmpty ? nil : .text(raw)
        default:
            if raw.isEmpty {
                result = nil
            } else {
                result = dateStyles.contains(cellStyle) ? .date(serial: raw) : .number(raw)
            }
        }
        guard let result, rowNumber > 0, column > 0 else { return }
        rows[rowNumber, default: []].append(XLSX.ReadCell(row: rowNumber, column: column, value: result))
    }

    func finishedRows() -> [XLSX.ReadRow] {
        rows.keys.sorted().map { number in
            let cells = (rows[number] ?? []).sorted { $0.column < $1.column }
            return XLSX.ReadRow(number: number, cells: cells)
        }
    }
}
