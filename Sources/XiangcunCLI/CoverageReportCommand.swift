import ArgumentParser
import Divisions
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// `xiangcun report coverage --county CODE [--as-of DATE] --format xlsx|csv|json [--out FILE]`.
struct CoverageReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Coverage of townships and administrative villages by operating stations, as of a date.",
        discussion: "Rules in docs/network.md. Without --out, csv and json go to standard output; xlsx needs --out.")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "County code (6 or 12 digits).") var county: String
    @ArgumentParser.Option(help: "Day (yyyy-mm-dd, Beijing time); default today.") var asOf: String?
    @ArgumentParser.Option(help: "xlsx, csv or json.") var format = "xlsx"
    @ArgumentParser.Option(help: "Output file.") var out: String?

    func run() async throws {
        let code = try CLIArguments.county(county)
        let day = try CLIArguments.day(asOf)
        guard ["xlsx", "csv", "json"].contains(format) else { throw UserFacingError("--format: use xlsx, csv or json") }
        if format == "xlsx" && out == nil { throw UserFacingError("--format xlsx needs --out FILE") }
        try await withStorage(storage) { store in
            guard try await Division.find(code.value, on: store.db) != nil else { throw UserFacingError("county \(code.value) is not in the database") }
            let report = try await NetworkQueries.coverage(county: code, asOf: day, on: store.db)
            let data: Data
            switch format {
            case "csv": data = try CoverageExport.csv(report)
            case "json": data = try CoverageExport.jsonData(report, county: code)
            default: data = try CoverageExport.xlsx(report, countyName: try await DivisionQueries.fullName(of: code, on: store.db))
            }
            if let out {
                try data.write(to: URL(fileURLWithPath: out))
                let rate = report.villageRate?.percentText ?? "—"
                print("\(out): \(report.coveredVillages)/\(report.villages) villages covered (\(rate)), \(report.townshipsWithStation)/\(report.townshipCount) townships with a station, as of \(day.iso)")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}
