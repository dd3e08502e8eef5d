import Composition
import Divisions
import Documents
import NetworkCore
import ServiceNetwork
import Vapor
import XiangcunKit

/// The network's files: coverage and ledger exports, the records template, station photos.
/// Each checks its reader the way the matching page does.
enum NetworkDownloads {
    /// `/network/coverage.xlsx|csv?asOf=`: coverage by township, uncovered villages, indicators.
    static func coverage(_ req: Request, _ viewer: NetworkViewer, format: String) async throws -> Response {
        try viewer.requireCountyWide()
        let day = try req.queryDay("asOf") ?? .today()
        let report = try await CachedFigures.coverage(county: viewer.county, asOf: day, on: req.db)
        let filename = "coverage-\(viewer.county.short)-\(day.iso).\(format)"
        if format == "csv" { return Downloads.file(try CoverageExport.csv(report), type: "text/csv; charset=utf-8", filename: filename) }
        let name = try await DivisionQueries.fullName(of: viewer.county, on: req.db)
        return Downloads.file(try CoverageExport.xlsx(report, countyName: name), type: Downloads.xlsxType, filename: filename)
    }

    /// `/network/ledger.xlsx|csv[?encoding=gb18030]`: the station ledger, phones masked unless
    /// the reader may see personal data.
    static func ledger(_ req: Request, _ viewer: NetworkViewer, format: String) async throws -> Response {
        try viewer.requireCountyWide()
        let showPhones = viewer.role.can(.seePersonalData)
        let filename = "stations-\(viewer.county.short).\(format)"
        if format == "csv" {
            let encoding: CSV.OutputEncoding = req.query[String.self, at: "encoding"] == "gb18030" ? .gb18030 : .utf8WithBOM
            let data = try await StationLedger.csv(county: viewer.county, showPhones: showPhones, encoding: encoding, on: req.db)
            return Downloads.file(data, type: encoding == .gb18030 ? "text/csv; charset=gb18030" : "text/csv; charset=utf-8", filename: filename)
        }
        let name = try await DivisionQueries.fullName(of: viewer.county, on: req.db)
        let data = try await StationLedger.xlsx(county: viewer.county, countyName: name, showPhones: showPhones, on: req.db)
        return Downloads.file(data, type: Downloads.xlsxType, filename: filename)
    }

    /// The empty monthly-records workbook (administrators).
    static func recordsTemplate(_ req: Request, _ viewer: NetworkViewer) throws -> Response {
        try viewer.requireManage()
        return Downloads.file(try RecordLedger.template(), type: Downloads.xlsxType, filename: "monthly-records-template.xlsx")
    }

    /// A photo of a station the reader may see; kept a day in the browser's private cache.
    static func photo(_ req: Request, _ viewer: NetworkViewer) async throws -> Response {
        let f = try await req.visibleFacility(viewer)
        guard let photoID = req.parameters.get("photo", as: UUID.self),
              let p = try await NetworkQueries.photo(photoID, of: try f.requireID(), on: req.db),
              let data = FileManager.default.contents(atPath: PhotoStore.path(dataDir: req.application.settings.dataDir, sha256: p.sha256)) else {
            throw Abort(.notFound)
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: p.contentType)
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        return response
    }
}
