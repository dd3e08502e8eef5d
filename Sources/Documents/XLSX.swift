import Foundation
import XiangcunKit

/// Excel workbooks: `XLSX.write(_:)` builds a .xlsx from an `XLSX.Workbook`;
/// `XLSX.read(_:)` reads any .xlsx (Excel, LibreOffice, openpyxl, WPS) into `XLSX.ReadWorkbook`.
public enum XLSX {
    /// A workbook to write.
    public struct Workbook: Sendable, Hashable {
        public var sheets: [Sheet]
        /// Document properties (docProps/core.xml).
        public var title: String?
        public var author: String?
        /// Creation time; nil leaves it out (output then depends only on the content).
        public var created: Date?

        public init(sheets: [Sheet], title: String? = nil, author: String? = nil, created: Date? = nil) {
            self.sheets = sheets
            self.title = title
            self.author = author
            self.created = created
        }
    }

    /// One worksheet laid out as an official table:
    /// optional title row (bold, merged across all columns), header row (bold, shaded, frozen,
    /// repeated on every printed page), body rows, optional total row (bold). All table cells
    /// get thin borders. Merges index the body (`rows`); row `rows.count` is the total row.
    public struct Sheet: Sendable, Hashable {
        /// ≤ 31 characters, none of `[]:*?/\`, unique within the workbook.
        public var name: String
        public var title: String?
        public var header: [String]
        public var rows: [[Cell]]
        public var totalRow: [Cell]?
        public var merges: [GridRange]
        /// Widths (in Excel character units) by 0-based column; other columns are sized from
        /// content, counting CJK characters as 2.
        public var columnWidths: [Int: Double]
        public var freezeHeader: Bool
        public var landscape: Bool

        public init(name: String, title: String? = nil, header: [String] = [], rows: [[Cell]] = [],
                    totalRow: [Cell]? = nil, merges: [GridRange] = [], columnWidths: [Int: Double] = [:],
                    freezeHeader: Bool = true, landscape: Bool = false) {
            self.name = name
            self.title = title
            self.header = header
            self.rows = rows
            self.totalRow = totalRow
            self.merges = merges
            self.columnWidths = columnWidths
            self.freezeHeader = freezeHeader
            self.landscape = landscape
        }
    }

    /// A cell value to write.
    public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        case empty
        case text(String)
        /// Written as an integer (`230000`, never `230000.0`), format General.
        case integer(Int)
        /// Written exactly as decimal text, shown with `places` decimals (`0.00`).
        case decimal(Decimal, places: Int)
        /// A fraction (0.5 = 50 %), shown as a percentage with `places` decimals (`0.00%`).
        case percent(Decimal, places: Int)
        /// A real Excel date (serial number) shown as `yyyy-mm-dd`.
        case date(Day)
        case bool(Bool)

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .integer(value) }

        /// A decimal from text such as `"1910.00"`; `places` defaults to the digits after the
        /// point in the text. Text that is not a plain decimal number becomes `.text`.
        public static func decimal(_ text: String, places: Int? = nil) -> Cell {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let value = XLSX.parseDecimal(trimmed) else { return .text(text) }
            let inferred = trimmed.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            return .decimal(value, places: places ?? inferred)
        }

        /// A decimal shown with two places (money in 万元).
        public static func decimal(_ value: Decimal) -> Cell { .decimal(value, places: 2) }

        /// A percentage from a fraction, two places.
        public static func percent(_ fraction: Decimal) -> Cell { .percent(fraction, places: 2) }

        /// A date cell for a day written as numbers (templates, tests); a day that does not
        /// exist is a programming error, so it is left empty rather than guessed.
        public static func date(year: Int, month: Int, day: Int) -> Cell {
            Day(year: year, month: month, day: day).map { .date($0) } ?? .empty
        }
    }

    /// A plain decimal number (`-12`, `3.50`, `.5`); no exponent, no grouping.
    static func parseDecimal(_ text: String) -> Decimal? {
        var digits = 0
        var dots = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "0"..."9": digits += 1
            case ".": dots += 1
            case "-", "+": if index != 0 { return nil }
            default: return nil
            }
        }
        guard digits > 0, dots <= 1 else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Decimal as plain text without exponent or grouping: `1910`, `0.5`, `-3.25`.
    static func plainText(_ value: Decimal) -> String {
        var copy = value
        return NSDecimalString(&copy, Locale(identifier: "en_US_POSIX"))
    }
}
