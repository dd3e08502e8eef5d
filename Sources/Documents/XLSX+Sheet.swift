import Foundation

/// Renders one `XLSX.Sheet` as worksheet XML.
struct XLSXSheetWriter {
    let sheet: XLSX.Sheet
    let selected: Bool

    static let minimumWidth = 8.0
    static let maximumWidth = 60.0

    private var columnCount: Int {
        max(1, ([sheet.header.count, sheet.totalRow?.count ?? 0] + sheet.rows.map(\.count)).max() ?? 1)
    }
    /// 1-based sheet row of the header, and of body row 0.
    private var headerRow: Int { sheet.title == nil ? 1 : 2 }
    private var firstBodyRow: Int { headerRow + (sheet.header.isEmpty ? 0 : 1) }

    func xml(styles: inout XLSXStyles, strings: inout XLSXSharedStrings) throws(DocumentsError) -> String {
        let columns = columnCount
        let bodyCount = sheet.rows.count + (sheet.totalRow == nil ? 0 : 1)
        try GridRange.validate(sheet.merges, rowCount: bodyCount, columnCount: columns)
        let widths = columnWidths(columns)
        let lastRow = firstBodyRow + bodyCount - 1
        let lastCell = XLSX.columnName(columns) + String(max(lastRow, 1))

        var x = OOXML.declaration
        x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        x += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        x += #"<dimension ref="A1:\#(lastCell)"/>"#
        x += #"<sheetViews><sheetView workbookViewId="0""# + (selected ? #" tabSelected="1""# : "") + ">"
        if sheet.freezeHeader && !sheet.header.isEmpty {
            let top = "A\(headerRow + 1)"
            x += #"<pane ySplit="\#(headerRow)" topLeftCell="\#(top)" activePane="bottomLeft" state="frozen"/>"#
            x += #"<selection pane="bottomLeft" activeCell="\#(top)" sqref="\#(top)"/>"#
        }
        x += "</sheetView></sheetViews>"
        x += #"<sheetFormatPr defaultRowHeight="15"/><cols>"#
        for (index, width) in widths.enumerated() {
            let text = String(format: "%.2f", width)
            x += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(text)" customWidth="1"/>"#
        }
        x += "</cols><sheetData>"

        var merges: [String] = []
        if let title = sheet.title {
            let key = XLSXStyleKey(font: .title, horizontal: .center)
            x += #"<row r="1" ht="30" customHeight="1">"#
            x += #"<c r="A1" s="\#(styles.index(key))" t="s"><v>\#(strings.index(title))</v></c>"#
            x += "</row>"
            if columns > 1 { merges.append("A1:\(XLSX.columnName(columns))1") }
        }
        if !sheet.header.isEmpty {
            let key = XLSXStyleKey(font: .bold, shaded: true, bordered: true, horizontal: .center, wrap: true)
            let style = styles.index(key)
            x += rowOpening(headerRow, cells: sheet.header.map { XLSX.Cell.text($0) }, widths: widths, offset: nil)
            for column in 0..<columns {
                let ref = XLSX.columnName(column + 1) + String(headerRow)
                let text = column < sheet.header.count ? sheet.header[column] : ""
                x += text.isEmpty ? #"<c r="\#(ref)" s="\#(style)"/>"#
                    : #"<c r="\#(ref)" s="\#(style)" t="s"><v>\#(strings.index(text))</v></c>"#
            }
            x += "</row>"
        }
        var bodyRows = sheet.rows.map { ($0, false) }
        if let total = sheet.totalRow { bodyRows.append((total, true)) }
        for (offset, (cells, bold)) in bodyRows.enumerated() {
            let rowNumber = firstBodyRow + offset
            x += rowOpening(rowNumber, cells: cells, widths: widths, offset: offset)
            for column in 0..<columns {
                let cell = column < cells.count ? cells[column] : .empty
                let ref = XLSX.columnName(column + 1) + String(rowNumber)
                let mergedAnchor = sheet.merges.contains { $0.rows.lowerBound == offset && $0.columns.lowerBound == column
                    && ($0.rows.count > 1 || $0.columns.count > 1) }
                x += cellXML(cell, ref: ref, bold: bold, centered: mergedAnchor, width: widths[column],
                             styles: &styles, strings: &strings)
            }
            x += "</row>"
        }
        x += "</sheetData>"
        for range in sheet.merges where range.rows.count > 1 || range.columns.count > 1 {
            let from = XLSX.columnName(range.columns.lowerBound + 1) + String(firstBodyRow + range.rows.lowerBound)
            let to = XLSX.columnName(range.columns.upperBound + 1) + String(firstBodyRow + range.rows.upperBound)
            merges.append("\(from):\(to)")
        }
        if !merges.isEmpty {
            x += #"<mergeCells count="\#(merges.count)">"#
            for ref in merges { x += #"<mergeCell ref="\#(ref)"/>"# }
            x += "</mergeCells>"
        }
        x += #"<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#
        x += #"<pageSetup paperSize="9" orientation="\#(sheet.landscape ? "landscape" : "portrait")" fitToWidth="1" fitToHeight="0"/>"#
        return x + "</worksheet>"
    }

    private func cellXML(_ cell: XLSX.Cell, ref: String, bold: Bool, centered: Bool, width: Double,
                         styles: inout XLSXStyles, strings: inout XLSXSharedStrings) -> String {
        var key = XLSXStyleKey(font: bold ? .bold : .normal, bordered: true)
        if centered { key.horizontal = .center }
        let value: String
        var type = ""
        switch cell {
        case .empty:
            return #"<c r="\#(ref)" s="\#(styles.index(key))"/>"#
        case .text(let text):
            key.wrap = Self.lineCount(text, width: width) > 1 // the same estimate that sets the row height
            if text.isEmpty { return #"<c r="\#(ref)" s="\#(styles.index(key))"/>"# }
            type = #" t="s""#
            value = String(strings.index(text))
        case .integer(let number):
            value = String(number)
        case .decimal(let number, let places):
            key.format = .decimal(places)
            value = XLSX.plainText(number)
        case .percent(let number, let places):
            key.format = .percent(places)
            value = XLSX.plainText(number)
        case .date(let day):
            key.format = .date
            value = String(day.excelSerial)
        case .bool(let flag):
            type = #" t="b""#
            value = flag ? "1" : "0"
        }
        return #"<c r="\#(ref)" s="\#(styles.index(key))"\#(type)><v>\#(value)</v></c>"#
    }

    /// A row's opening tag. Rows whose wrapped text needs more than one line get an explicit
    /// height: Excel and LibreOffice do not grow rows for wrapped text when they open a file.
    private func rowOpening(_ number: Int, cells: [XLSX.Cell], widths: [Double], offset: Int?) -> String {
        var lines = 1
        for (column, cell) in cells.enumerated() where column < widths.count {
            guard case .text(let text) = cell, !text.isEmpty else { continue }
            var width = widths[column]
            if let offset, let merge = sheet.merges.first(where: { $0.rows.contains(offset) && $0.columns.lowerBound == column }) {
                guard merge.rows.count == 1 else { continue } // tall merged cells have room already
                width = merge.columns.filter { $0 < widths.count }.map { widths[$0] }.reduce(0, +)
            }
            lines = max(lines, Self.lineCount(text, width: width))
        }
        guard lines > 1 else { return #"<row r="\#(number)">"# }
        return #"<row r="\#(number)" ht="\#(min(lines, 20) * 15)" customHeight="1">"#
    }

    /// Lines a text takes in a column `width` characters wide (CJK counts 2).
    static func lineCount(_ text: String, width: Double) -> Int {
        let usable = max(1, width - 1.5)
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { line in
            max(1, Int((Double(DisplayWidth.of(String(line))) / usable).rounded(.up)))
        }.reduce(0, +)
    }

    /// Content widths: CJK counts 2, plus padding, clamped to 8…60 unless given explicitly.
    private func columnWidths(_ columns: Int) -> [Double] {
        var widths = [Int](repeating: 0, count: columns)
        func measure(_ text: String, _ column: Int) {
            let longestLine = text.split(whereSeparator: \.isNewline).map { DisplayWidth.of(String($0)) }.max() ?? 0
            widths[column] = max(widths[column], longestLine)
        }
        for (column, text) in sheet.header.enumerated() { measure(text, column) }
        for row in sheet.rows + [sheet.totalRow ?? []] {
            for (column, cell) in row.enumerated() { measure(Self.displayText(cell), column) }
        }
        return (0..<columns).map { column in
            if let fixed = sheet.columnWidths[column] { return fixed }
            return min(Self.maximumWidth, max(Self.minimumWidth, Double(widths[column]) + 2.5))
        }
    }

    /// Roughly what Excel shows, for width estimates.
    static func displayText(_ cell: XLSX.Cell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .decimal(let number, let places): return XLSX.plainText(number).split(separator: ".")[0] + "." + String(repeating: "0", count: places)
        case .percent(let number, let places): return XLSX.plainText(number * 100).split(separator: ".")[0] + "." + String(repeating: "0", count: places) + "%"
        case .date: return "2020-01-01"
        case .bool(let flag): return flag ? "TRUE" : "FALSE"
        }
    }
}

extension XLSX {
    /// Column letters for a 1-based column number: 1 → "A", 27 → "AA".
    public static func columnName(_ column: Int) -> String {
        var n = max(column, 1)
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 1-based column number of letters such as "C" or "AA"; nil if not letters.
    public static func columnNumber(_ letters: String) -> Int? {
        var n = 0
        for scalar in letters.uppercased().unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { return nil }
            n = n * 26 + Int(scalar.value) - 64
            if n > 16_384 { return nil }
        }
        return n == 0 ? nil : n
    }
}
