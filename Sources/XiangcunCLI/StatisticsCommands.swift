import ArgumentParser
import Composition
import Documents
import Foundation
import Statistics
import XiangcunKit

/// `xiangcun report statistics --county C | --province P --from M --to M --format xlsx|csv|json [--out FILE]`.
struct StatisticsReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statistics",
        abstract: "Monthly online retail figures with growth (同比, 环比, 累计) of a county or of every county of a province with data.",
        discussion: "Amounts in 万元. Without --out, csv and json go to standard output; xlsx needs --out.")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "County code (6 or 12 digits).") var county: String?
    @ArgumentParser.Option(help: "Province code (2 digits, e.g. 33).") var province: String?
    @ArgumentParser.Option(help: "First month (yyyy-mm).") var from: String
    @ArgumentParser.Option(help: "Last month (yyyy-mm).") var to: String
    @ArgumentParser.Option(help: "xlsx, csv or json.") var format = "xlsx"
    @ArgumentParser.Option(help: "Output file.") var out: String?

    func run() async throws {
        guard (county == nil) != (province == nil) else { throw UserFacingError("give exactly one of --county and --province") }
        let countyCode = try county.map(CLIArguments.county)
        let provinceCode = try province.map { text -> DivisionCode in
            guard let code = try? DivisionCode(text), code.level == .province else { throw UserFacingError("--province: a 2-digit province code such as 33") }
            return code
        }
        guard let first = Month(from) else { throw UserFacingError("--from: a month such as 2026-01") }
        guard let last = Month(to), first <= last else { throw UserFacingError("--to: a month such as 2026-10, not before --from") }
        guard ["xlsx", "csv", "json"].contains(format) else { throw UserFacingError("--format: use xlsx, csv or json") }
        if format == "xlsx" && out == nil { throw UserFacingError("--format xlsx needs --out FILE") }
        try await withStorage(storage) { store in
            let counties = try await StatisticsReport.counties(county: countyCode, province: provinceCode, on: store.db)
            guard !counties.isEmpty else { throw UserFacingError("no county with data found for that code") }
            let rows = try await StatisticsReport.rows(counties: counties, from: first, to: last, on: store.db)
            let data: Data
            switch format {
            case "csv": data = try CSV.write([StatisticsReport.header] + StatisticsReport.textRows(rows))
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                data = try encoder.encode(rows)
            default:
                let sheet = XLSX.Sheet(name: "网络零售", title: "网络零售统计 \(first.text)–\(last.text)", header: StatisticsReport.header,
                                       rows: StatisticsReport.textRows(rows).map { $0.enumerated().map { i, t in (3...9).contains(i) && !t.isEmpty ? .decimal(t) : .text(t) } })
                data = try XLSX.write(XLSX.Workbook(sheets: [sheet], title: "网络零售统计"))
            }
            if let out {
                try data.write(to: URL(fileURLWithPath: out))
                print("\(out): \(rows.count) months of \(counties.count) counties")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

/// `xiangcun stats check` — recomputes every rollup from raw rows and reports differences.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Statistics maintenance.", subcommands: [Check.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Recompute every statistics rollup from the raw rows and list differences (exit 1 when any).")
        @ArgumentParser.OptionGroup var storage: StorageOptions

        func run() async throws {
            let differences = try await withStorage(storage) { store in try await StatisticsCheck.run(on: store.db) }
            for d in differences { print(d) }
            print(differences.isEmpty ? "rollups equal a recomputation from raw rows: no differences" : "\(differences.count) differences")
            if !differences.isEmpty { throw ExitCode(1) }
        }
    }
}
