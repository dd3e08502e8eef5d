import Foundation

extension XLSX {
    /// Builds a .xlsx package. With no sheets, one empty sheet "Sheet1" is written.
    /// - Throws: `DocumentsError.invalidSheetName`, `.invalidMerge`, `.packageWriteFailed`.
    public static func write(_ workbook: Workbook) throws(DocumentsError) -> Data {
        let sheets = workbook.sheets.isEmpty ? [Sheet(name: "Sheet1")] : workbook.sheets
        try validateNames(sheets.map(\.name))
        var styles = XLSXStyles()
        var strings = XLSXSharedStrings()
        var sheetParts: [(path: String, content: String)] = []
        for (index, sheet) in sheets.enumerated() {
            let xml = try XLSXSheetWriter(sheet: sheet, selected: index == 0).xml(styles: &styles, strings: &strings)
            sheetParts.append(("xl/worksheets/sheet\(index + 1).xml", xml))
        }
        var parts: [(path: String, content: String)] = [
            ("[Content_Types].xml", contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", OOXML.packageRelationships),
            ("docProps/app.xml", OOXML.appProperties(extra: "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")),
            ("docProps/core.xml", OOXML.coreProperties(title: workbook.title, author: workbook.author, created: workbook.created)),
            ("xl/workbook.xml", workbookXML(sheets)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", styles.xml()),
            ("xl/sharedStrings.xml", strings.xml()),
        ]
        parts.append(contentsOf: sheetParts)
        return try ZipPackage.build(parts)
    }

    static func validateNames(_ names: [String]) throws(DocumentsError) {
        var seen: Set<String> = []
        for name in names {
            let invalid = name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 31
                || name.contains(where: { "[]:*?/\\".contains($0) }) || name.hasPrefix("'") || name.hasSuffix("'")
                || name.unicodeScalars.contains { !XMLEscape.isAllowed($0) || $0.value < 0x20 }
            guard !invalid, seen.insert(name.lowercased()).inserted else { throw .invalidSheetName(name) }
        }
    }

    private static func contentTypes(sheetCount: Int) -> String {
        var x = OOXML.declaration
        x += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        x += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        x += #"<Default Extension="xml" ContentType="application/xml"/>"#
        x += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for index in 1...sheetCount {
            x += #"<Override PartName="/xl/worksheets/sheet\#(index).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        x += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        x += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        x += OOXML.propertiesContentTypes
        return x + "</Types>"
    }

    private static func workbookXML(_ sheets: [Sheet]) -> String {
        var x = OOXML.declaration
        x += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        x += #"<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="16000" activeTab="0"/></bookViews><sheets>"#
        for (index, sheet) in sheets.enumerated() {
            x += #"<sheet name="\#(XMLEscape.attribute(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
        }
        x += "</sheets>"
        let printTitles = sheets.enumerated().compactMap { index, sheet -> String? in
            guard !sheet.header.isEmpty else { return nil }
            let headerRow = sheet.title == nil ? 1 : 2
            let quoted = "'" + sheet.name.replacingOccurrences(of: "'", with: "''") + "'"
            return #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">"#
                + XMLEscape.text("\(quoted)!$1:$\(headerRow)") + "</definedName>"
        }
        if !printTitles.isEmpty {
            x += "<definedNames>" + printTitles.joined() + "</definedNames>"
        }
        return x + "</workbook>"
    }

    private static func workbookRelationships(sheetCount: Int) -> String {
        var x = OOXML.declaration
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for index in 1...sheetCount {
            x += #"<Relationship Id="rId\#(index)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index).xml"/>"#
        }
        x += #"<Relationship Id="rId\#(sheetCount + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        x += #"<Relationship Id="rId\#(sheetCount + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        return x + "</Relationships>"
    }
}
