extension DOCX {
    /// Column widths in twips summing to `textWidth`.
    static func columnWidths(_ table: Table, textWidth: Int) -> [Int] {
        let weights: [Double] = table.columns.enumerated().map { index, column in
            if let weight = column.weight { return max(weight, 0.01) }
            var longest = DisplayWidth.of(column.header)
            for row in table.rows where index < row.count {
                let text = row[index].text
                let line = text.split(whereSeparator: \.isNewline).map { DisplayWidth.of(String($0)) }.max() ?? 0
                longest = max(longest, line)
            }
            return Double(min(max(longest, 4), 40))
        }
        let total = weights.reduce(0, +)
        var widths = weights.map { Int((Double(textWidth) * $0 / total).rounded(.down)) }
        if let last = widths.indices.last { widths[last] += textWidth - widths.reduce(0, +) }
        return widths
    }

    static func tableXML(_ table: Table, textWidth: Int) throws(DocumentsError) -> String {
        let columnCount = max(table.columns.count, table.rows.map(\.count).max() ?? 0, 1)
        var columns = table.columns
        while columns.count < columnCount { columns.append(Column("")) }
        let normalized = Table(columns: columns, rows: table.rows, merges: table.merges, boldRows: table.boldRows)
        try GridRange.validate(table.merges, rowCount: table.rows.count, columnCount: columnCount)
        let widths = columnWidths(normalized, textWidth: textWidth)

        let border = #"w:val="single" w:sz="4" w:space="0" w:color="000000""#
        var x = "<w:tbl><w:tblPr>"
        x += #"<w:tblStyle w:val="TableGrid"/><w:tblW w:w="\#(textWidth)" w:type="dxa"/><w:jc w:val="center"/>"#
        x += "<w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/>"
        x += "<w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
        x += #"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>"#
        x += #"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>"#
        x += "</w:tblPr><w:tblGrid>"
        for width in widths { x += #"<w:gridCol w:w="\#(width)"/>"# }
        x += "</w:tblGrid>"

        if columns.contains(where: { !$0.header.isEmpty }) {
            x += #"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#
            for (index, column) in columns.enumerated() {
                x += cellXML(Cell(column.header, bold: true, alignment: .center), width: widths[index],
                             span: 1, vMerge: nil, shaded: true)
            }
            x += "</w:tr>"
        }
        for (rowIndex, row) in table.rows.enumerated() {
            x += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            var column = 0
            while column < columnCount {
                let merge = table.merges.first { $0.contains(row: rowIndex, column: column) }
                let span = merge?.columns.count ?? 1
                var vMerge: String?
                if let merge, merge.rows.count > 1 {
                    vMerge = rowIndex == merge.rows.lowerBound ? "restart" : "continue"
                }
                let isAnchor = merge.map { $0.rows.lowerBound == rowIndex } ?? true
                var cell = isAnchor && column < row.count ? row[column] : Cell("")
                if cell.alignment == nil { cell.alignment = columns[column].alignment }
                if table.boldRows.contains(rowIndex) { cell.bold = true }
                let width = widths[column..<min(column + span, widths.count)].reduce(0, +)
                x += cellXML(cell, width: width, span: span, vMerge: vMerge, shaded: false)
                column += span
            }
            x += "</w:tr>"
        }
        return x + "</w:tbl>"
    }

    private static func cellXML(_ cell: Cell, width: Int, span: Int, vMerge: String?, shaded: Bool) -> String {
        var x = #"<w:tc><w:tcPr><w:tcW w:w="\#(width)" w:type="dxa"/>"#
        if span > 1 { x += #"<w:gridSpan w:val="\#(span)"/>"# }
        if let vMerge { x += vMerge == "restart" ? #"<w:vMerge w:val="restart"/>"# : "<w:vMerge/>" }
        if shaded { x += #"<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/>"# }
        x += #"<w:vAlign w:val="center"/></w:tcPr>"#
        let paragraph = Paragraph(runs: [Run(cell.text, bold: cell.bold)], alignment: cell.alignment ?? .center,
                                  firstLineIndent: false)
        x += paragraphXML(paragraph, style: "TableText")
        return x + "</w:tc>"
    }
}
