import ArgumentParser
import Audit
import Divisions
import Foundation
import Web

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data files.", subcommands: [DivisionsImport.self])

    struct DivisionsImport: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "divisions",
            abstract: "Import a division list (CSV: code,name[,urbanRuralClass] or the shared NBS lists).",
            discussion: "All rows or none: errors are listed with line numbers. Units missing from a newer list are marked inactive, never deleted.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "CSV file.") var file: String
        @Option(help: "auto, utf8 or gb18030.") var encoding = "auto"

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw UserFacingError("cannot read \(file)") }
            let rows: [DivisionRow]
            do { rows = try DivisionFiles.parse(data, encoding: encoding) } catch let failed as DivisionImportFailed {
                throw UserFacingError(describe(failed))
            }
            try await withApplication(storage.settings) { app in
                do {
                    let r = try await DivisionImporter.importRows(rows, actor: .cli("import"), on: app.db)
                    print("\(file): \(rows.count) rows — \(r.added) added, \(r.renamed) updated, \(r.deactivated) made inactive, \(r.unchanged) unchanged")
                } catch let failed as DivisionImportFailed {
                    throw UserFacingError(describe(failed))
                }
            }
        }

        func describe(_ failed: DivisionImportFailed) -> String {
            (["\(file): \(failed.errors.count) rows rejected, nothing imported"] + failed.errors.prefix(50).map { "  line \($0.line): \($0.message)" })
                .joined(separator: "\n")
        }
    }
}
