import Foundation

/// RFC 4180 CSV reading and writing. See `CSV.read(_:encoding:separator:skipBlankLines:)` and
/// `CSV.write(_:encoding:separator:lineEnding:protectFormulas:)`.
public enum CSV {
    /// One record: its fields and the 1-based line on which it starts (for "第 12 行" messages).
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]

        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }

        /// The field at `index`, or nil past the end (short rows are common in hand-made files).
        public subscript(safe index: Int) -> String? {
            fields.indices.contains(index) ? fields[index] : nil
        }

        /// True when every field is empty or whitespace.
        public var isBlank: Bool {
            fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
    }

    /// The result of reading: the records and the encoding the bytes were decoded with.
    public struct Table: Sendable, Hashable {
        public var records: [Record]
        public var encoding: TextEncoding
    }

    /// Output encodings for `write`.
    public enum OutputEncoding: Sendable, Hashable {
        /// UTF-8 with a byte order mark: what Chinese Excel needs to open UTF-8 correctly.
        case utf8WithBOM
        case utf8
        /// GB18030 (GBK-compatible), for old tools that only read the local code page.
        case gb18030
    }
}
