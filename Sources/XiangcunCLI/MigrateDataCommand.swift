import ArgumentParser
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import Storage
import XiangcunKit

/// `xiangcun migrate-data --to postgres://…`: moves a county from its SQLite file to a
/// province's PostgreSQL database.
struct MigrateDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data", abstract: "Copy the SQLite database into an empty PostgreSQL database.",
        discussion: """
            Stop the server first. The SQLite database under --data-dir is copied (a snapshot is kept in \
            <data-dir>/backups/) into the PostgreSQL database --to, which must be empty; it is migrated \
            first. Every table is copied in one transaction, which is committed only when every table \
            has the same number of rows in both and the fund table (report funds --format json) and \
            the self-assessment report of every county come out identical from both. Then set \
            DATABASE_URL to the new database and start the server.
            """)
    @ArgumentParser.OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "The PostgreSQL database to fill: postgres://user:password@host:5432/name.") var to: String

    func validate() throws {
        guard let scheme = URLComponents(string: to)?.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw ValidationError("--to must be a postgres:// URL")
        }
    }

    func run() async throws {
        let sourcePath = URL(fileURLWithPath: storage.dataDir).appendingPathComponent("xiangcun.sqlite").path
        guard FileManager.default.fileExists(atPath: sourcePath) else { throw UserFacingError("there is no SQLite database at \(sourcePath)") }
        let result = try await Self.copy(sqlite: sourcePath, to: .postgres(url: to)) { print($0) }
        for count in result.counts { print("  \(count.table.padding(toLength: 34, withPad: " ", startingAt: 0)) \(count.source) → \(count.target)") }
        print("copied \(result.counts.count) tables, \(result.counts.map(\.target).reduce(0, +)) rows; "
              + "reports identical for \(result.reports.counties.count) county programme(s) (fund table JSON, self-assessment .docx)")
        print("next: set DATABASE_URL=\(DatabaseConfig.postgres(url: to).safeDescription) (with its password) in the settings and restart")
    }

    struct Result { let snapshot: String; let counts: [TableCopy.Count]; let reports: ReportOutputs }

    /// Snapshots the SQLite database, migrates the empty target, copies every table in one
    /// transaction and commits only when the counts and the reports agree.
    static func copy(sqlite sourcePath: String, to target: DatabaseConfig, asOf: Day = .today(),
                     report: (String) -> Void) async throws -> Result {
        let snapshot = try await StorageSession.with(.sqlite(path: sourcePath), migrate: false) { session in
            let status = try await session.migrationStatus()
            guard status.isCurrent, !status.isFresh else {
                throw UserFacingError("the SQLite database is not at this version's migrations; run `xiangcun migrate` first")
            }
            return try await session.backup(reason: "before-migrate-data")
        }
        report("snapshot of the SQLite database: \(snapshot)")
        return try await StorageSession.with(.sqlite(path: snapshot), migrate: false) { source in
            let expected = try await ReportOutputs.collect(on: source.db, asOf: asOf)
            return try await StorageSession.with(target, migrate: false) { destination in
                let filled = try await TableCopy.nonEmptyTables(on: destination.db)
                guard filled.isEmpty else { throw TableCopy.Failure.targetNotEmpty(filled) }
                let applied = try await destination.applyPendingMigrations()
                if !applied.isEmpty { report("migrated the target: \(applied.count) migration(s)") }
                let counts = try await destination.db.transaction { tx in
                    let counts = try await TableCopy.copy(from: source.db, to: tx)
                    let copied = try await ReportOutputs.collect(on: tx, asOf: asOf)
                    let differences = expected.differences(from: copied)
                    guard differences.isEmpty else {
                        throw UserFacingError("the reports differ after the copy (\(differences.joined(separator: ", "))); nothing was committed")
                    }
                    return counts
                }
                return Result(snapshot: snapshot, counts: counts, reports: expected)
            }
        }
    }
}

/// The reports a county files, produced from one database: for every county with a programme,
/// the fund table as `report funds --format json` writes it and the self-assessment report
/// (.docx). Two databases with the same data give byte-identical outputs.
struct ReportOutputs: Equatable {
    var counties: [String]
    var documents: [String: Data]

    static func collect(on db: any FluentKit.Database, asOf: Day) async throws -> ReportOutputs {
        let counties = Set(try await ProgrammeRecord.query(on: db).all(\.$countyCode)).sorted()
        var documents: [String: Data] = [:]
        for county in counties {
            let code = String(county.prefix(6))
            let view = try await loadProgramme(county: code, asOf: asOf, db: db)
            documents["\(code)/funds.json"] = try FundTableJSON.encode(view.funds)
            documents["\(code)/self-assessment.docx"] = try SelfAssessmentReport.data(view.snapshot, sources: view.sources)
        }
        return ReportOutputs(counties: counties, documents: documents)
    }

    /// The documents that are missing or not byte-identical in `other`.
    func differences(from other: ReportOutputs) -> [String] {
        Set(documents.keys).union(other.documents.keys).sorted().filter { documents[$0] != other.documents[$0] }
    }
}
