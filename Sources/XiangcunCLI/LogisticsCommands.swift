import ArgumentParser
import Audit
import Divisions
import Foundation
import Logistics
import NetworkCore
import XiangcunKit

/// `xiangcun import parcels FILE --county C`: a carrier's manifest (CSV or Excel), through the
/// same intake as the API (resending the file adds nothing twice).
struct ParcelsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parcels", abstract: "Import a parcel manifest (CSV UTF-8/GB18030 or .xlsx).")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Argument(help: "The manifest file.") var file: String
    @ArgumentParser.Option(help: "County code (6 or 12 digits).") var county: String

    func run() async throws {
        let code = try CLIArguments.county(county)
        guard let data = FileManager.default.contents(atPath: file) else { throw UserFacingError("cannot read \(file)") }
        try await withStorage(storage) { store in
            guard try await Division.find(code.value, on: store.db) != nil else { throw UserFacingError("county \(code.value) is not in the database") }
            do {
                let r = try await ManifestImport.importFile(data, county: code, actor: .cli("import parcels"), on: store.db)
                for issue in r.issues { print(issue.text(.zh)) }
                print("\(file): \(r.created) created, \(r.duplicate) already there, \(r.issues.count) problems")
                if r.created == 0 && !r.issues.isEmpty { throw ExitCode(1) }
            } catch let failed as ImportFailed {
                for issue in failed.issues { print(issue.text(.zh)) }
                throw ExitCode(1)
            }
        }
    }
}

/// `xiangcun report logistics --county C --from D --to D --format xlsx|csv|json [--out FILE]`.
struct LogisticsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logistics", abstract: "Logistics service levels and volumes over a period.",
                                                    discussion: "Read from the daily rollup (docs/logistics.md). xlsx needs --out.")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "County code (6 or 12 digits).") var county: String
    @ArgumentParser.Option(help: "First day (yyyy-mm-dd); default 29 days before --to.") var from: String?
    @ArgumentParser.Option(help: "Last day (yyyy-mm-dd); default today.") var to: String?
    @ArgumentParser.Option(help: "xlsx, csv or json.") var format = "xlsx"
    @ArgumentParser.Option(help: "Output file.") var out: String?

    func run() async throws {
        let code = try CLIArguments.county(county)
        let last = try CLIArguments.day(to)
        let first = try from.map { try CLIArguments.day($0) } ?? last.adding(days: -29)
        guard first <= last else { throw UserFacingError("--from must not be after --to") }
        guard ["xlsx", "csv", "json"].contains(format) else { throw UserFacingError("--format: use xlsx, csv or json") }
        if format == "xlsx" && out == nil { throw UserFacingError("--format xlsx needs --out FILE") }
        try await withStorage(storage) { store in
            guard try await Division.find(code.value, on: store.db) != nil else { throw UserFacingError("county \(code.value) is not in the database") }
            let report = try await LogisticsStats.report(county: code, from: first, to: last, on: store.db)
            let data: Data
            switch format {
            case "csv": data = try LogisticsExport.csv(report)
            case "json": data = try LogisticsExport.json(report)
            default: data = try LogisticsExport.xlsx(report, countyName: try await DivisionQueries.fullName(of: code, on: store.db))
            }
            if let out {
                try data.write(to: URL(fileURLWithPath: out))
                print("\(out): \(report.total.inbound) inbound, \(report.total.outbound) outbound parcels, \(first.iso) – \(last.iso)")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// `xiangcun demo logistics --days N`: regenerates the demo county's parcels (sample data only).
struct DemoLogistics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logistics", abstract: "Regenerate the demo county's parcels for the last N days.")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Days to generate, ending today (1–400).") var days = 365

    func run() async throws {
        guard (1...400).contains(days) else { throw UserFacingError("--days: 1 to 400") }
        let county = try DivisionCode("331123000000")
        try await withStorage(storage) { store in
            guard try await Division.find(county.value, on: store.db) != nil else { throw UserFacingError("load the demo county first: xiangcun demo load") }
            guard try await LogisticsDemo.erase(county: county, on: store.db) else {
                throw UserFacingError("the county has real (non-sample) parcels; the demo generator will not touch them")
            }
            let started = Date()
            let r = try await LogisticsDemo.load(county: county, days: days, on: store.db)
            print("\(r.parcels) parcels, \(r.scans) scans in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }
}
