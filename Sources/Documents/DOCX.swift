import Foundation

/// Word documents: build a `DOCX.Document` from blocks and call `DOCX.write(_:)`.
/// Layout follows Chinese official-document practice (GB/T 9704): A4, margins 37/35/28/26 mm,
/// body 仿宋 16 pt with 28 pt line spacing and a two-character first-line indent, headings
/// 黑体 / 楷体 / 仿宋 bold (levels 1–3, real "heading N" styles with outline levels), title
/// 宋体 bold 22 pt, tables 宋体 10.5 pt; Latin text in Times New Roman; page numbers in the footer.
public enum DOCX {
    public struct Document: Sendable, Hashable {
        public var blocks: [Block]
        /// Document properties (docProps/core.xml); not printed — use `.title` blocks for that.
        public var title: String?
        public var author: String?
        public var created: Date?
        public var landscape: Bool
        public var pageNumbers: Bool

        public init(blocks: [Block], title: String? = nil, author: String? = nil, created: Date? = nil,
                    landscape: Bool = false, pageNumbers: Bool = true) {
            self.blocks = blocks
            self.title = title
            self.author = author
            self.created = created
            self.landscape = landscape
            self.pageNumbers = pageNumbers
        }
    }

    public enum Block: Sendable, Hashable {
        /// The document title: centred, 宋体 bold 22 pt (style "Title").
        case title(String)
        /// A heading, level 1–3 (styles "heading 1"…"heading 3", shown in the navigation pane).
        case heading(String, level: Int)
        case paragraph(Paragraph)
        case table(Table)
        case pageBreak

        /// A body paragraph with the default indent.
        public static func text(_ text: String) -> Block { .paragraph(Paragraph(text)) }
    }

    public enum Alignment: String, Sendable, Hashable {
        case left, center, right
        /// Justified (Word's "both"), the default for body text.
        case justify

        var wordValue: String { self == .justify ? "both" : rawValue }
    }

    /// A run of text with one formatting. `\n` becomes a line break, `\t` a tab.
    public struct Run: Sendable, Hashable, ExpressibleByStringLiteral {
        public var text: String
        public var bold: Bool
        public var italic: Bool
        public var underline: Bool

        public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.underline = underline
        }

        public init(stringLiteral value: String) { self.init(value) }

        public static func bold(_ text: String) -> Run { Run(text, bold: true) }
    }

    public struct Paragraph: Sendable, Hashable, ExpressibleByStringLiteral {
        public var runs: [Run]
        public var alignment: Alignment
        /// Indent the first line by two characters (Chinese body text convention).
        public var firstLineIndent: Bool

        public init(runs: [Run], alignment: Alignment = .justify, firstLineIndent: Bool = true) {
            self.runs = runs
            self.alignment = alignment
            self.firstLineIndent = firstLineIndent
        }

        public init(_ text: String, bold: Bool = false, alignment: Alignment = .justify, firstLineIndent: Bool = true) {
            self.init(runs: [Run(text, bold: bold)], alignment: alignment, firstLineIndent: firstLineIndent)
        }

        public init(stringLiteral value: String) { self.init(value) }

        /// The plain text of all runs.
        public var text: String { runs.map(\.text).joined() }
    }

    /// A real Word table: a header row (bold, shaded, repeated on each page) from the column
    /// titles, then body rows. `merges` index body rows and columns (0-based); the top-left
    /// cell of a merge holds the content (vertical merges use `w:vMerge`, horizontal `w:gridSpan`).
    public struct Table: Sendable, Hashable {
        public var columns: [Column]
        public var rows: [[Cell]]
        public var merges: [GridRange]
        /// Rows (0-based body indexes) shown in bold, e.g. a total row.
        public var boldRows: Set<Int>

        public init(columns: [Column], rows: [[Cell]], merges: [GridRange] = [], boldRows: Set<Int> = []) {
            self.columns = columns
            self.rows = rows
            self.merges = merges
            self.boldRows = boldRows
        }
    }

    public struct Column: Sendable, Hashable, ExpressibleByStringLiteral {
        public var header: String
        /// Relative width in "half-width characters" (a CJK character counts 2; 20 ≈ ten
        /// Chinese characters) — the same unit as automatic widths, so explicit and automatic
        /// columns mix sensibly. nil sizes the column from its content (clamped 4…40).
        /// The table always spans the text width; weights only set proportions.
        public var weight: Double?
        public var alignment: Alignment

        public init(_ header: String, weight: Double? = nil, alignment: Alignment = .center) {
            self.header = header
            self.weight = weight
            self.alignment = alignment
        }

        public init(stringLiteral value: String) { self.init(value) }
    }

    public struct Cell: Sendable, Hashable, ExpressibleByStringLiteral {
        public var text: String
        public var bold: Bool
        /// Overrides the column's alignment.
        public var alignment: Alignment?

        public init(_ text: String, bold: Bool = false, alignment: Alignment? = nil) {
            self.text = text
            self.bold = bold
            self.alignment = alignment
        }

        public init(stringLiteral value: String) { self.init(value) }
    }
}
