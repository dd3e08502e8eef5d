/// A rectangle of table cells by 0-based row and column indexes, used for merged cells in
/// XLSX sheets and DOCX tables. Rows count from the first body row (header and title rows are
/// not counted). `GridRange(rows: 0...5, columns: 0...0)` merges column A/first column over
/// the first six body rows.
public struct GridRange: Sendable, Hashable {
    public var rows: ClosedRange<Int>
    public var columns: ClosedRange<Int>

    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        self.rows = rows
        self.columns = columns
    }

    /// A horizontal merge within one row.
    public static func row(_ row: Int, columns: ClosedRange<Int>) -> GridRange {
        GridRange(rows: row...row, columns: columns)
    }

    /// A vertical merge within one column.
    public static func column(_ column: Int, rows: ClosedRange<Int>) -> GridRange {
        GridRange(rows: rows, columns: column...column)
    }

    func contains(row: Int, column: Int) -> Bool {
        rows.contains(row) && columns.contains(column)
    }

    func overlaps(_ other: GridRange) -> Bool {
        rows.overlaps(other.rows) && columns.overlaps(other.columns)
    }

    /// Checks ranges against a grid of `rowCount` × `columnCount` and against each other.
    static func validate(_ ranges: [GridRange], rowCount: Int, columnCount: Int) throws(DocumentsError) {
        for (index, range) in ranges.enumerated() {
            guard range.rows.lowerBound >= 0, range.columns.lowerBound >= 0,
                  range.rows.upperBound < rowCount, range.columns.upperBound < columnCount else {
                throw .invalidMerge("rows \(range.rows), columns \(range.columns) outside \(rowCount)×\(columnCount)")
            }
            for other in ranges[..<index] where other.overlaps(range) {
                throw .invalidMerge("rows \(range.rows), columns \(range.columns) overlaps rows \(other.rows), columns \(other.columns)")
            }
        }
    }
}
