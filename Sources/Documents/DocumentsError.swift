/// The one error type of the Documents module. Every public throwing function throws it.
public enum DocumentsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not valid in `encoding`. `line` is the 1-based physical line of the first
    /// bad byte, `byteOffset` its 0-based offset in the input.
    case invalidText(encoding: TextEncoding, line: Int, byteOffset: Int)
    /// A quoted CSV field that starts on `line` (1-based) is never closed.
    case unterminatedQuote(line: Int)
    /// The text cannot be represented in the requested output encoding.
    case unencodable(encoding: TextEncoding)
    /// The data is not a readable ZIP (OOXML) package.
    case notAPackage(reason: String)
    /// A part the format requires is missing from the package.
    case missingPart(String)
    /// A part of the package is not well-formed XML.
    case malformedXML(part: String, line: Int, reason: String)
    /// A part (or the package) is larger than the reader accepts.
    case tooLarge(part: String, bytes: UInt64)
    /// An XLSX sheet name is empty, longer than 31 characters, contains one of `[]:*?/\`
    /// or is used twice.
    case invalidSheetName(String)
    /// A merged range is out of bounds or overlaps another one.
    case invalidMerge(String)
    /// The ZIP library failed while writing.
    case packageWriteFailed(reason: String)
    /// The text needs more than a version-40 QR Code holds at the chosen error-correction level.
    /// `length` counts characters (bytes of UTF-8 in byte mode), `capacity` is the most that fits.
    case tooLongForQRCode(length: Int, capacity: Int)

    public var description: String {
        switch self {
        case let .invalidText(encoding, line, offset):
            return "第 \(line) 行含有不是 \(encoding.displayName) 编码的字节（偏移 \(offset)）"
        case let .unterminatedQuote(line):
            return "第 \(line) 行开始的引号字段没有结束"
        case let .unencodable(encoding):
            return "文本无法用 \(encoding.displayName) 编码"
        case let .notAPackage(reason):
            return "文件不是有效的 Office 文档（\(reason)）"
        case let .missingPart(part):
            return "Office 文档缺少部件 \(part)"
        case let .malformedXML(part, line, reason):
            return "Office 文档部件 \(part) 第 \(line) 行格式错误：\(reason)"
        case let .tooLarge(part, bytes):
            return "Office 文档部件 \(part) 过大（\(bytes) 字节）"
        case let .invalidSheetName(name):
            return "工作表名称无效：“\(name)”"
        case let .invalidMerge(reason):
            return "合并单元格无效：\(reason)"
        case let .packageWriteFailed(reason):
            return "无法写入 Office 文档：\(reason)"
        case let .tooLongForQRCode(length, capacity):
            return "内容过长，无法生成二维码（\(length) 个字符或字节，此纠错等级最多 \(capacity)）"
        }
    }
}
