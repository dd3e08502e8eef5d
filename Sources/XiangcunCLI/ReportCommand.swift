import ArgumentParser
import FluentKit
import Divisions
import Foundation
import Programme
import ProgrammeCore
import Composition
import XiangcunKit

/// `xiangcun report …`: the county's reports and ledgers as files.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write reports and ledgers (Word, Excel, CSV, JSON).",
        subcommands: [SelfAssessment.self, Funds.self, CoverageReport.self, TrainingReport.self, StatisticsReportCommand.self])

    struct SelfAssessment: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "self-assessment", abstract: "The self-assessment report (自评报告) as .docx.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "County division code, e.g. 331123.") var county: String
        @Option(help: "Report date (yyyy-mm-dd); default today.") var asOf: String?
        @Option(help: "Output file (.docx).") var out: String

        func run() async throws {
            let day = try CLIArguments.day(asOf)
            try await withStorage(storage) { store in
                let view = try await loadProgramme(county: county, asOf: day, db: store.db)
                try SelfAssessmentReport.data(view.snapshot, sources: view.sources).write(to: URL(fileURLWithPath: out))
                print("wrote \(out): \(SelfAssessmentReport.title(view.snapshot)) as of \(day.iso)")
            }
        }
    }

    struct Funds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The central fund disbursement table (中央财政资金拨付情况表) as xlsx, csv or json.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "County division code, e.g. 331123.") var county: String
        @Option(help: "xlsx, csv or json.") var format: String = "xlsx"
        @Option(help: "Output file; json goes to standard output when omitted.") var out: String?

        func run() async throws {
            guard ["xlsx", "csv", "json"].contains(format) else { throw ValidationError("--format must be xlsx, csv or json") }
            if format != "json" && out == nil { throw ValidationError("--out is required for \(format)") }
            try await withStorage(storage) { store in
                let indicators = try await loadProgramme(county: county, asOf: .today(), db: store.db).indicators
                let data: Data
                switch format {
                case "xlsx": data = try ProgrammeExports.xlsx(.fundLedger, indicators)
                case "csv": data = try ProgrammeExports.csv(.fundLedger, indicators)
                default: data = try FundTableJSON.encode(indicators.funds)
                }
                if let out {
                    try data.write(to: URL(fileURLWithPath: out))
                    print("wrote \(out): planned \(indicators.funds.totalPlanned.wanYuanText), disbursed \(indicators.funds.totalDisbursed.wanYuanText) 万元, \(indicators.funds.totalRate?.percentText ?? "—")")
                } else {
                    print(String(decoding: data, as: UTF8.self))
                }
            }
        }
    }
}

/// The county's current programme as the pages see it, or a clear error.
func loadProgramme(county: String, asOf: Day, db: any FluentKit.Database) async throws -> ProgrammeView {
    let code = try CLIArguments.county(county)
    guard let programme = try await ProgrammeStore.current(county: code, on: db) else {
        throw UserFacingError("county \(code.short) has no programme; import one with `xiangcun import programme FILE.xlsx`")
    }
    let name = try await Division.find(code.value, on: db)?.name ?? code.short
    return try await ProgrammeView.load(programme, countyName: name, asOf: asOf, on: db)
}

/// The fund table as JSON for machine readers (amounts in 万元 as exact decimal strings).
enum FundTableJSON {
    struct Row: Encodable { let contractor: String; let content: String; let planned: String; let disbursed: String; let rate: String? }
    struct Table: Encodable { let allocated: String; let contracted: String; let disbursed: String; let rate: String?; let rows: [Row] }

    static func encode(_ f: FundTable) throws -> Data {
        let table = Table(allocated: f.allocated.wanYuanText, contracted: f.contracted.wanYuanText, disbursed: f.totalDisbursed.wanYuanText,
                          rate: f.totalRate?.percentText,
                          rows: f.rows.map { Row(contractor: $0.contractor, content: $0.content, planned: $0.planned.wanYuanText,
                                                 disbursed: $0.disbursed.wanYuanText, rate: $0.rate?.percentText) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(table)
    }
}
