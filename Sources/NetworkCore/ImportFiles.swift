import Documents
import Foundation
import XiangcunKit

/// A rejected cell or row of an imported file: row number (Excel row or CSV line), column
/// letter and header, and a catalogue key with arguments.
public struct ImportIssue: Error, Sendable, Equatable, Codable {
    public var row: Int
    public var column: String?
    public var header: String?
    public var key: String
    public var args: [String]

    public init(row: Int, column: String? = nil, header: String? = nil, key: String, args: [String] = []) {
        self.row = row; self.column = column; self.header = header; self.key = key; self.args = args
    }

    /// "第 3 行 C 列（区划代码）：区划代码不存在" / "Row 3, column C (区划代码): Unknown division code".
    public func text(_ language: Language) -> String {
        let message = Catalogue.text(key, language, args)
        guard let column else { return Catalogue.text("network.import.row", language, ["\(row)", message]) }
        return Catalogue.text("network.import.cell", language, ["\(row)", column, header ?? "", message])
    }
}

public struct ImportFailed: Error, Sendable {
    public var issues: [ImportIssue]
    public init(_ issues: [ImportIssue]) { self.issues = issues }
}

/// Rows of a spreadsheet or CSV file: header row and data rows with their real numbers.
public struct TabularFile: Sendable {
    public var header: [String]
    public var headerRow: Int
    public var rows: [(number: Int, fields: [String])]

    /// Reads .xlsx (first sheet, or the one named `preferredSheet`) or CSV (UTF-8 with or
    /// without BOM, GB18030), decided by the content.
    public static func read(_ data: Data, preferredSheet: String? = nil) throws(ImportFailed) -> TabularFile {
        var raw: [(Int, [String])] = []
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let book: XLSX.ReadWorkbook
            do { book = try XLSX.read(data) } catch { throw ImportFailed([ImportIssue(row: 0, key: "network.import.unreadable", args: ["\(error)"])]) }
            guard let sheet = preferredSheet.flatMap(book.sheet(named:)) ?? book.sheets.first(where: { !$0.isHidden }) else {
                throw ImportFailed([ImportIssue(row: 0, key: "network.import.empty")])
            }
            raw = sheet.rows.map { ($0.number, $0.texts) }
        } else {
            do { raw = try CSV.read(data).records.map { ($0.line, $0.fields) } } catch {
                throw ImportFailed([ImportIssue(row: 0, key: "network.import.unreadable", args: ["\(error)"])])
            }
        }
        let content = raw.map { ($0.0, $0.1.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) }.filter { !$0.1.allSatisfy(\.isEmpty) }
        // The header is the first row that names at least two known columns (a title row may come first).
        guard let headerIndex = content.firstIndex(where: { row in row.1.filter { !$0.isEmpty }.count >= 2 && row.1.contains { !$0.allSatisfy(\.isNumber) } }) else {
            throw ImportFailed([ImportIssue(row: 0, key: "network.import.empty")])
        }
        let header = content[headerIndex].1
        return TabularFile(header: header, headerRow: content[headerIndex].0, rows: content[(headerIndex + 1)...].map { (number: $0.0, fields: $0.1) })
    }
}

/// A column of an import/export layout.
public struct LedgerColumn: Sendable {
    public var key: String
    public var zh: String
    public var en: String
    public var aliases: [String]
    /// Export-only columns (names for reading) are ignored on import.
    public var importable: Bool
    public var required: Bool

    public init(_ key: String, _ zh: String, _ en: String, aliases: [String] = [], importable: Bool = true, required: Bool = false) {
        self.key = key; self.zh = zh; self.en = en; self.aliases = aliases; self.importable = importable; self.required = required
    }

    func matches(_ header: String) -> Bool {
        let h = header.trimmingCharacters(in: .whitespaces).lowercased()
        return h == zh.lowercased() || h == en.lowercased() || h == key.lowercased() || aliases.contains { $0.lowercased() == h }
    }
}

/// Maps the header of a file to layout columns (public: other capabilities' imports use it too).
public struct ColumnMap: Sendable {
    public var index: [String: Int] = [:]

    public init(header: [String], columns: [LedgerColumn]) {
        for (i, h) in header.enumerated() {
            if let c = columns.first(where: { $0.matches(h) }), index[c.key] == nil { index[c.key] = i }
        }
    }

    public func value(_ key: String, _ fields: [String]) -> String {
        guard let i = index[key], i < fields.count else { return "" }
        return fields[i]
    }

    public func column(_ key: String) -> String? { index[key].map { XLSX.columnName($0 + 1) } }
}
