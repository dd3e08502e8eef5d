import ArgumentParser
import Foundation
import NetworkCore
import ServiceNetwork
import Composition
import XiangcunKit

/// `xiangcun import stations FILE [--county CODE]`: the station ledger (站点台账), all rows or none.
struct StationsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stations",
        abstract: "Import a station ledger (.xlsx or .csv in UTF-8 / GB18030) into a county.",
        discussion: "Rows match stations by name: existing ones are updated, new names are added. All rows or none: every rejected cell is listed with its row and column. Layout: docs/network.md.")
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Argument(help: "Ledger file (.xlsx or .csv).") var file: String
    @ArgumentParser.Option(help: "County code (6 or 12 digits); default: the demo county 331123.") var county = DemoCounty.countyCode
    @ArgumentParser.Flag(help: "Import monthly operating records instead of the station ledger.") var records = false
    @ArgumentParser.Flag(help: "With --records: save figures that look implausible (10× the station's median).") var confirm = false

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw UserFacingError("cannot read \(file)") }
        let code = try CLIArguments.county(county)
        try await withStorage(storage) { store in
            do {
                if records {
                    let r = try await RecordLedger.importFile(data, county: code, confirmed: confirm, actor: .cli("import"), on: store.db)
                    if r.saved == 0 && !r.warnings.isEmpty {
                        throw UserFacingError((["\(file): \(r.warnings.count) figures look implausible; nothing imported (add --confirm to import anyway)"]
                            + r.warnings.prefix(50).map { "  " + $0.text(.en) }).joined(separator: "\n"))
                    }
                    print("\(file): \(r.saved) monthly records imported")
                } else {
                    let r = try await StationLedger.importFile(data, county: code, actor: .cli("import"), on: store.db)
                    print("\(file): \(r.created) added, \(r.updated) updated, \(r.unchanged) unchanged")
                }
            } catch let failed as ImportFailed {
                throw UserFacingError((["\(file): \(failed.issues.count) problems, nothing imported"] + failed.issues.prefix(50).map { "  " + $0.text(.en) })
                    .joined(separator: "\n"))
            }
        }
    }
}

enum CLIArguments {
    /// A county code from "331123" or "331123000000" (`DivisionCode` pads the short form).
    static func county(_ text: String) throws -> DivisionCode {
        guard let code = try? DivisionCode(text), code.level == .county else { throw UserFacingError("--county: \(text) is not a county code (e.g. 331123)") }
        return code
    }

    /// A day (yyyy-mm-dd, Beijing), or today when not given.
    static func day(_ text: String?, option: String = "--as-of") throws -> Day {
        guard let text else { return .today() }
        guard let day = Day(text) else { throw UserFacingError("\(option): \(text) is not a date (yyyy-mm-dd)") }
        return day
    }
}
