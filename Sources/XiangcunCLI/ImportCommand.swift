import ArgumentParser
import Audit
import Divisions
import Foundation
import Programme
import ProgrammeCore
import Storage
import XiangcunKit

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data files.", subcommands: [DivisionsImport.self, ProgrammeImport.self, StationsImport.self, ProductsImport.self, AttendanceImport.self])

    struct DivisionsImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "divisions",
            abstract: "Import a division list (CSV: code,name[,urbanRuralClass] or the NBS lists), or the built-in national lists.",
            discussion: """
            All rows or none: errors are listed with line numbers. Units missing from a newer list are marked inactive, never deleted; coverage at earlier days still counts them.

            --builtin imports the NBS 2023 lists shipped with xiangcun: every province, city and county; with --county CODE, that county's province, the province's cities, the city's counties and the county's townships. Repeating it changes nothing.
            """)
        @OptionGroup var storage: StorageOptions
        @Argument(help: "CSV file (not with --builtin).") var file: String?
        @Flag(help: "Import the national lists shipped with xiangcun instead of a file.") var builtin = false
        @Option(help: "With --builtin: the county (6 digits, e.g. 360982) whose townships to import, with the units above it.")
        var county: String?
        @Option(help: "auto, utf8 or gb18030.") var encoding = "auto"
        @Option(help: "Day the list took effect (yyyy-mm-dd): units it adds count from then, units it drops until then. Default today.")
        var effective: String?

        func validate() throws {
            if builtin && file != nil { throw ValidationError("give a CSV file or --builtin, not both") }
            if !builtin && file == nil { throw ValidationError("give a CSV file, or --builtin for the lists shipped with xiangcun") }
            if county != nil && !builtin { throw ValidationError("--county goes with --builtin; a file names its own units") }
        }

        func run() async throws {
            try await run(database: storage.database)
        }

        /// The import into `database`; tests call it with a database of their own.
        func run(database: DatabaseConfig) async throws {
            let day = try CLIArguments.day(effective, option: "--effective")
            guard day <= .today() else { throw UserFacingError("--effective: \(day.iso) lies in the future") }
            let (source, rows) = try readRows()
            try await StorageSession.with(database) { store in
                do {
                    let r = try await DivisionImporter.importRows(rows, effective: day, actor: .cli("import"), on: store.db)
                    print("\(source): \(rows.count) rows — \(r.added) added, \(r.renamed) updated, \(r.deactivated) made inactive, \(r.unchanged) unchanged")
                } catch let failed as DivisionImportFailed {
                    throw UserFacingError(describe(failed, source: source))
                }
            }
        }

        /// The rows to import and what to call their source in messages.
        func readRows() throws -> (source: String, rows: [DivisionRow]) {
            if builtin {
                do {
                    if let county { return ("built-in NBS \(BuiltinDivisions.year) list for county \(county)", try BuiltinDivisions.county(county)) }
                    return ("built-in NBS \(BuiltinDivisions.year) list", try BuiltinDivisions.country())
                } catch { throw UserFacingError(error.description) }
            }
            let file = file ?? ""
            guard let data = FileManager.default.contents(atPath: file) else { throw UserFacingError("cannot read \(file)") }
            do { return (file, try DivisionFiles.parse(data, encoding: encoding)) } catch let failed as DivisionImportFailed {
                throw UserFacingError(describe(failed, source: file))
            }
        }

        func describe(_ failed: DivisionImportFailed, source: String) -> String {
            (["\(source): \(failed.errors.count) rows rejected, nothing imported"] + failed.errors.prefix(50).map { "  line \($0.line): \($0.message)" })
                .joined(separator: "\n")
        }
    }
}

/// `xiangcun import programme FILE.xlsx` (or a folder of CSV files named after the sheets).
struct ProgrammeImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Import a county's implementation plan, contractors, fund plan and disbursements.",
        discussion: "FILE is the plan workbook (.xlsx, layout in docs/programme-workbook.md) or a folder holding one CSV per sheet (方案.csv, 体系.csv …). All or nothing: every error is listed with sheet, row and column.")
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Workbook (.xlsx) or folder of CSV files.") var file: String
    @Flag(help: "Replace the county's existing programme of the same batch.") var replace = false

    func run() async throws {
        let result = try parse()
        for warning in result.warnings { print("warning: \(warning.description)") }
        guard let plan = result.plan, result.errors.isEmpty else {
            throw UserFacingError((["\(file): \(result.errors.count) errors, nothing imported"] + result.errors.prefix(100).map { "  \($0.description)" })
                .joined(separator: "\n"))
        }
        guard let county = try? DivisionCode(plan.info.countyCode), county.level == .county else {
            throw UserFacingError("方案 sheet: county code \(plan.info.countyCode) is not a county")
        }
        try await withStorage(storage) { store in
            guard try await Division.find(county.value, on: store.db) != nil else {
                throw UserFacingError("county \(county.short) is not in the division list; import divisions first")
            }
            do {
                try await ProgrammeStore.importPlan(plan, county: county, replace: replace, actor: .cli("import"), on: store.db)
            } catch let error as ProgrammeError { throw UserFacingError(error.description) }
            print("\(file): imported \(plan.info.title) — \(plan.subsystems.count) subsystems, \(plan.tasks.count) tasks, \(plan.targets.count) targets, \(plan.fundRows.count) fund rows (\(plan.contractedTotal.wanYuanText) 万元), \(plan.disbursements.count) disbursements")
        }
    }

    func parse() throws -> PlanParseResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else { throw UserFacingError("cannot read \(file)") }
        if isDirectory.boolValue {
            let url = URL(fileURLWithPath: file)
            var sheets: [String: Data] = [:]
            for item in try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil) where item.pathExtension.lowercased() == "csv" {
                sheets[item.deletingPathExtension().lastPathComponent.precomposedStringWithCanonicalMapping] = try Data(contentsOf: item)
            }
            return PlanWorkbook.parse(csvSheets: sheets)
        }
        guard let data = FileManager.default.contents(atPath: file) else { throw UserFacingError("cannot read \(file)") }
        return PlanWorkbook.parse(xlsxData: data)
    }
}
