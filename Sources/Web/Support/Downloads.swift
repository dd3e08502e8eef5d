import Documents
import Vapor

/// File downloads: CSV as UTF-8 with BOM (Chinese Excel opens it correctly) and real .xlsx.
enum Downloads {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    static func csv(header: [String], rows: [[String]], filename: String) -> Response {
        let data = (try? CSV.write([header] + rows)) ?? Data()
        return file(data, type: "text/csv; charset=utf-8", filename: filename)
    }

    static func xlsx(sheet: String, header: [String], rows: [[String]], filename: String) throws -> Response {
        let cells = rows.map { $0.map { XLSX.Cell.text($0) } }
        let data = try XLSX.write(XLSX.Workbook(sheets: [XLSX.Sheet(name: sheet, header: header, rows: cells)]))
        return file(data, type: xlsxType, filename: filename)
    }

    static func file(_ data: Data, type: String, filename: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: disposition(filename))
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// An ASCII fallback name plus the UTF-8 name (RFC 6266), so Chinese file names survive.
    static func disposition(_ filename: String) -> String {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
