import Foundation

/// Parts shared by XLSX and DOCX packages.
enum OOXML {
    static let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    static let propertiesContentTypes =
        #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#

    /// `_rels/.rels`: the main part is always rId1 → xl/workbook.xml or word/document.xml.
    static var packageRelationships: String { packageRelationships(main: "xl/workbook.xml") }

    static func packageRelationships(main: String) -> String {
        var x = declaration
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        x += #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="\#(main)"/>"#
        x += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        x += #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        return x + "</Relationships>"
    }

    static func appProperties(extra: String = "") -> String {
        var x = declaration
        x += #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#
        x += "<Application>Xiangcun</Application>" + extra
        return x + "</Properties>"
    }

    static func coreProperties(title: String?, author: String?, created: Date?) -> String {
        var x = declaration
        x += #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
        if let title { x += "<dc:title>\(XMLEscape.text(title))</dc:title>" }
        if let author {
            x += "<dc:creator>\(XMLEscape.text(author))</dc:creator>"
            x += "<cp:lastModifiedBy>\(XMLEscape.text(author))</cp:lastModifiedBy>"
        }
        if let created {
            let stamp = w3cdtf(created)
            x += #"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created>"#
            x += #"<dcterms:modified xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:modified>"#
        }
        return x + "</cp:coreProperties>"
    }

    static func w3cdtf(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ v: Int?) -> String { let v = v ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 1970)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
    }
}
