import Foundation

extension DOCX {
    /// Page geometry in twips (1/20 pt): A4 and GB/T 9704 margins.
    enum Page {
        static let shortSide = 11906
        static let longSide = 16838
        static let top = 2098, bottom = 1984, left = 1588, right = 1474

        static func textWidth(landscape: Bool) -> Int {
            (landscape ? longSide : shortSide) - left - right
        }
    }

    /// Builds the .docx package.
    /// - Throws: `DocumentsError.invalidMerge` for bad table merges, `.packageWriteFailed`.
    public static func write(_ document: Document) throws(DocumentsError) -> Data {
        var body = ""
        let width = Page.textWidth(landscape: document.landscape)
        for block in document.blocks {
            switch block {
            case .title(let text):
                body += paragraphXML(Paragraph(runs: [Run(text)], alignment: .center, firstLineIndent: false), style: "Title")
            case .heading(let text, let level):
                let level = min(max(level, 1), 3)
                body += paragraphXML(Paragraph(runs: [Run(text)], alignment: .justify, firstLineIndent: false),
                                     style: "Heading\(level)")
            case .paragraph(let paragraph):
                body += paragraphXML(paragraph, style: nil)
            case .table(let table):
                body += try tableXML(table, textWidth: width)
                // Word needs a paragraph between adjacent tables; a small one also spaces text.
                body += #"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr></w:p>"#
            case .pageBreak:
                body += #"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
            }
        }
        var x = OOXML.declaration
        x += #"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#
        x += body
        x += sectionXML(document)
        x += "</w:body></w:document>"

        var parts: [(path: String, content: String)] = [
            ("[Content_Types].xml", contentTypes(footer: document.pageNumbers)),
            ("_rels/.rels", OOXML.packageRelationships(main: "word/document.xml")),
            ("docProps/app.xml", OOXML.appProperties()),
            ("docProps/core.xml", OOXML.coreProperties(title: document.title, author: document.author, created: document.created)),
            ("word/document.xml", x),
            ("word/_rels/document.xml.rels", documentRelationships(footer: document.pageNumbers)),
            ("word/styles.xml", DOCXStyles.xml),
            ("word/settings.xml", DOCXStyles.settings),
        ]
        if document.pageNumbers { parts.append(("word/footer1.xml", DOCXStyles.footer)) }
        return try ZipPackage.build(parts)
    }

    static func paragraphXML(_ paragraph: Paragraph, style: String?, extraRunProperties: String = "") -> String {
        var x = "<w:p><w:pPr>"
        if let style { x += #"<w:pStyle w:val="\#(style)"/>"# }
        if style == nil && paragraph.firstLineIndent {
            x += #"<w:ind w:firstLineChars="200" w:firstLine="640"/>"#
        }
        x += #"<w:jc w:val="\#(paragraph.alignment.wordValue)"/></w:pPr>"#
        for run in paragraph.runs { x += runXML(run, extraProperties: extraRunProperties) }
        return x + "</w:p>"
    }

    static func runXML(_ run: Run, extraProperties: String = "") -> String {
        var properties = extraProperties
        if run.bold { properties += "<w:b/><w:bCs/>" }
        if run.italic { properties += "<w:i/><w:iCs/>" }
        if run.underline { properties += #"<w:u w:val="single"/>"# }
        var x = "<w:r>"
        if !properties.isEmpty { x += "<w:rPr>\(properties)</w:rPr>" }
        var segment = ""
        func flush() {
            if !segment.isEmpty { x += #"<w:t xml:space="preserve">\#(XMLEscape.text(segment))</w:t>"# }
            segment = ""
        }
        var previousWasCR = false
        for scalar in run.text.unicodeScalars {
            switch scalar {
            case "\n":
                if !previousWasCR { flush(); x += "<w:br/>" }
            case "\r":
                flush(); x += "<w:br/>"
            case "\t":
                flush(); x += "<w:tab/>"
            default:
                segment.unicodeScalars.append(scalar)
            }
            previousWasCR = scalar == "\r"
        }
        flush()
        return x + "</w:r>"
    }

    private static func sectionXML(_ document: Document) -> String {
        let (w, h) = document.landscape ? (Page.longSide, Page.shortSide) : (Page.shortSide, Page.longSide)
        var x = "<w:sectPr>"
        if document.pageNumbers { x += #"<w:footerReference w:type="default" r:id="rId3"/>"# }
        x += #"<w:pgSz w:w="\#(w)" w:h="\#(h)""# + (document.landscape ? #" w:orient="landscape""# : "") + "/>"
        x += #"<w:pgMar w:top="\#(Page.top)" w:right="\#(Page.right)" w:bottom="\#(Page.bottom)" w:left="\#(Page.left)" w:header="851" w:footer="992" w:gutter="0"/>"#
        x += #"<w:cols w:space="425"/></w:sectPr>"#
        return x
    }

    private static func contentTypes(footer: Bool) -> String {
        var x = OOXML.declaration
        x += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        x += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        x += #"<Default Extension="xml" ContentType="application/xml"/>"#
        x += #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
        x += #"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
        x += #"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#
        if footer {
            x += #"<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>"#
        }
        x += OOXML.propertiesContentTypes
        return x + "</Types>"
    }

    private static func documentRelationships(footer: Bool) -> String {
        var x = OOXML.declaration
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        x += #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        x += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
        if footer {
            x += #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>"#
        }
        return x + "</Relationships>"
    }
}
