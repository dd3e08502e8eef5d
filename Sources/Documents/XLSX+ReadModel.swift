import Foundation
import XiangcunKit

extension XLSX {
    /// A cell value as read from a file.
    public enum Value: Sendable, Hashable {
        case text(String)
        /// A number exactly as stored in the file (`"1910"`, `"0.1"`, `"955.00000000000011"`).
        case number(String)
        case bool(Bool)
        /// A number whose format is a date format; the serial may carry a time fraction.
        case date(serial: String)
        /// An error value such as `#DIV/0!`.
        case error(String)

        /// The value as an exact decimal (numbers and date serials).
        public var decimal: Decimal? {
            switch self {
            case .number(let text), .date(serial: let text):
                return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
            default: return nil
            }
        }

        /// The calendar day for a date (or a number used as a date serial).
        public var day: Day? {
            switch self {
            case .number(let text), .date(serial: let text):
                guard let serial = Double(text), serial >= 1, serial < 2_958_466 else { return nil }
                return Day(excelSerial: Int(serial.rounded(.down)))
            default: return nil
            }
        }

        /// Text as a user would type it: strings as is, numbers as stored, dates `yyyy-mm-dd`,
        /// booleans `TRUE`/`FALSE`.
        public var text: String {
            switch self {
            case .text(let text), .number(let text), .error(let text): return text
            case .bool(let flag): return flag ? "TRUE" : "FALSE"
            case .date: return day?.description ?? ""
            }
        }
    }

    /// A non-empty cell with its real position (1-based row, 1-based column).
    public struct ReadCell: Sendable, Hashable {
        public var row: Int
        public var column: Int
        public var value: Value

        /// Column letters, e.g. "C".
        public var columnName: String { XLSX.columnName(column) }
        /// A1 reference, e.g. "C7".
        public var reference: String { columnName + String(row) }
    }

    /// A row that has at least one non-empty cell.
    public struct ReadRow: Sendable, Hashable {
        /// The 1-based Excel row number.
        public var number: Int
        /// Non-empty cells in column order.
        public var cells: [ReadCell]

        /// The value in 1-based `column`, or nil when empty.
        public func value(column: Int) -> Value? {
            cells.first { $0.column == column }?.value
        }

        /// Texts from column 1 to the last non-empty cell, "" for gaps.
        public var texts: [String] {
            guard let last = cells.last?.column else { return [] }
            var out = [String](repeating: "", count: last)
            for cell in cells { out[cell.column - 1] = cell.value.text }
            return out
        }
    }

    /// A rectangle of cells in Excel coordinates (1-based, inclusive).
    public struct CellRange: Sendable, Hashable, CustomStringConvertible {
        public var firstRow: Int
        public var firstColumn: Int
        public var lastRow: Int
        public var lastColumn: Int

        public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
            self.firstRow = firstRow
            self.firstColumn = firstColumn
            self.lastRow = lastRow
            self.lastColumn = lastColumn
        }

        /// Parses "A1:C3" or "B2".
        public init?(_ reference: String) {
            let parts = reference.split(separator: ":")
            guard parts.count == 1 || parts.count == 2,
                  let from = XLSX.parseReference(String(parts[0])),
                  let to = XLSX.parseReference(String(parts[parts.count - 1])) else { return nil }
            self.init(firstRow: from.row, firstColumn: from.column, lastRow: to.row, lastColumn: to.column)
        }

        /// "A1:C3".
        public var description: String {
            "\(XLSX.columnName(firstColumn))\(firstRow):\(XLSX.columnName(lastColumn))\(lastRow)"
        }
    }

    public struct ReadSheet: Sendable, Hashable {
        public var name: String
        public var isHidden: Bool
        /// Rows with content, ascending by number.
        public var rows: [ReadRow]
        public var merges: [CellRange]

        /// The value at an A1 reference such as "C7".
        public func value(at reference: String) -> Value? {
            guard let position = XLSX.parseReference(reference) else { return nil }
            return row(position.row)?.value(column: position.column)
        }

        public func row(_ number: Int) -> ReadRow? {
            var low = 0
            var high = rows.count - 1
            while low <= high {
                let mid = (low + high) / 2
                if rows[mid].number == number { return rows[mid] }
                if rows[mid].number < number { low = mid + 1 } else { high = mid - 1 }
            }
            return nil
        }
    }

    public struct ReadWorkbook: Sendable, Hashable {
        /// Worksheets in workbook order (chart sheets are left out).
        public var sheets: [ReadSheet]

        public func sheet(named name: String) -> ReadSheet? {
            sheets.first { $0.name == name }
        }
    }

    /// "C7" → (row 7, column 3); `$` signs are ignored.
    static func parseReference(_ reference: String) -> (row: Int, column: Int)? {
        let cleaned = reference.replacingOccurrences(of: "$", with: "")
        let letters = cleaned.prefix { $0.isLetter }
        let digits = cleaned.dropFirst(letters.count)
        guard let column = columnNumber(String(letters)), let row = Int(digits), row > 0 else { return nil }
        return (row, column)
    }

    /// Decodes Excel's `_xHHHH_` escapes in string content.
    static func unescapeText(_ string: String) -> String {
        guard string.contains("_x") else { return string }
        let scalars = Array(string.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if isEscapeSequence(scalars, at: i),
               let value = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }
}
