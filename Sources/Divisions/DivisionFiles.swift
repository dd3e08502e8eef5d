import Documents
import Foundation

/// Reading division list files: bytes → rows, shared by the web upload and the CLI.
public enum DivisionFiles {
    public static func parse(_ data: Data, encoding: String, sample: Bool = false) throws -> [DivisionRow] {
        let choice: TextDecoding.Choice
        switch encoding.lowercased() {
        case "auto", "": choice = .automatic
        case "utf8", "utf-8": choice = .encoding(.utf8)
        case "gb18030", "gbk", "gb2312": choice = .encoding(.gb18030)
        default: throw DivisionImportFailed(errors: [RowError(line: 0, message: "unknown encoding \(encoding); use auto, utf8 or gb18030")])
        }
        let table: CSV.Table
        do { table = try CSV.read(data, encoding: choice) } catch {
            throw DivisionImportFailed(errors: [RowError(line: 0, message: "\(error)")])
        }
        switch DivisionListParser.parse(records: table.records.map { (line: $0.line, fields: $0.fields) }, sample: sample) {
        case .success(let rows): return rows
        case .failure(let failed): throw failed
        }
    }
}
