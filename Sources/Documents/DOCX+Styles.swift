/// styles.xml, settings.xml and the page-number footer.
enum DOCXStyles {
    static func fonts(_ eastAsia: String) -> String {
        #"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\#(eastAsia)" w:cs="Times New Roman" w:hint="eastAsia"/>"#
    }

    private static func size(_ halfPoints: Int) -> String {
        #"<w:sz w:val="\#(halfPoints)"/><w:szCs w:val="\#(halfPoints)"/>"#
    }

    private static func heading(_ level: Int, font: String, bold: Bool) -> String {
        var x = #"<w:style w:type="paragraph" w:styleId="Heading\#(level)"><w:name w:val="heading \#(level)"/>"#
        x += #"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>"#
        x += #"<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="0" w:line="560" w:lineRule="exact"/>"#
        x += #"<w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="\#(level - 1)"/></w:pPr>"#
        x += "<w:rPr>" + fonts(font) + (bold ? "<w:b/><w:bCs/>" : #"<w:b w:val="0"/><w:bCs w:val="0"/>"#) + size(32) + "</w:rPr>"
        return x + "</w:style>"
    }

    static let xml: String = {
        var x = OOXML.declaration
        x += #"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        x += "<w:docDefaults><w:rPrDefault><w:rPr>" + fonts("宋体") + size(24)
        x += #"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
        x += #"<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        // Normal: body text, 仿宋 三号 (16 pt), exact 28 pt lines, justified.
        x += #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#
        x += #"<w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr>"#
        x += "<w:rPr>" + fonts("仿宋") + size(32) + "</w:rPr></w:style>"
        // Title: 宋体 bold 二号 (22 pt), centred.
        x += #"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#
        x += #"<w:pPr><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>"#
        x += "<w:rPr>" + fonts("宋体") + "<w:b/><w:bCs/>" + size(44) + "</w:rPr></w:style>"
        x += heading(1, font: "黑体", bold: false)
        x += heading(2, font: "楷体", bold: true)
        x += heading(3, font: "仿宋", bold: true)
        // Table text: 宋体 五号 (10.5 pt), single spacing.
        x += #"<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>"#
        x += #"<w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>"#
        x += "<w:rPr>" + fonts("宋体") + size(21) + "</w:rPr></w:style>"
        x += #"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>"#
        x += #"<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr>"# + fonts("宋体") + size(28) + "</w:rPr></w:style>"
        x += #"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#
        x += #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>"#
        x += #"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        let border = #"w:val="single" w:sz="4" w:space="0" w:color="auto""#
        x += #"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>"#
        x += "<w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/><w:insideV \(border)/>"
        x += "</w:tblBorders></w:tblPr></w:style>"
        return x + "</w:styles>"
    }()

    static let settings: String = OOXML.declaration
        + #"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#
        + #"<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>"#
        + #"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#
        + "</w:settings>"

    /// Centred "— N —" page number.
    static let footer: String = OOXML.declaration
        + #"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>"#
        + #"<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>"#
        + #"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#
        + #"<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
}
