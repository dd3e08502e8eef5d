import Documents
import Vapor

/// File downloads: CSV as UTF-8 with BOM (Chinese Excel opens it correctly) and real .xlsx.
enum Downloads {
    static func csv(header: [String], rows: [[String]], filename: String) -> Response {
        let data = (try? CSV.write([header] + rows)) ?? Data()
        return file(data, type: "text/csv; charset=utf-8", filename: filename)
    }

    static func xlsx(sheet: String, header: [String], rows: [[String]], filename: String) throws -> Response {
        let cells = rows.map { $0.map { XLSX.Cell.text($0) } }
        let data = try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: sheet, header: header, rows: cells)]))
        return file(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", filename: filename)
    }

    static func file(_ data: Data, type: String, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
