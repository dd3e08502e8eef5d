import FluentKit
import SQLKit

/// PostgreSQL databases created when the scans were partitioned by month only: the table is
/// rebuilt partitioned by county and month (`LogisticsPartitions`), its rows copied over in one
/// transaction. New databases are created that way already; SQLite has one table either way.
public struct PartitionScansByCounty: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        let key = try await sql.raw("SELECT pg_get_partkeydef('logistics_scans'::regclass) AS key").first()?.decode(column: "key", as: String.self)
        guard key == "LIST (month)" else { return }
        try await database.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { return }
            // The old table's own names would clash with the new table's.
            for statement in [
                "ALTER TABLE logistics_scans RENAME TO logistics_scans_by_month",
                "ALTER TABLE logistics_scans_default RENAME TO logistics_scans_by_month_default",
                "ALTER INDEX logistics_scans_pkey RENAME TO logistics_scans_by_month_pkey",
                "ALTER INDEX logistics_scans_parcel_kind RENAME TO logistics_scans_by_month_parcel_kind",
            ] { try await sql.raw("\(unsafeRaw: statement)").run() }
            try await LogisticsTables.createPartitionedScans(columns: LogisticsTables.scanColumns(postgres: true), on: sql)
            let present = try await sql.raw("SELECT DISTINCT county_code, month FROM logistics_scans_by_month").all()
            var months: [String: [String]] = [:]
            for row in present {
                months[try row.decode(column: "county_code", as: String.self), default: []].append(try row.decode(column: "month", as: String.self))
            }
            for (county, list) in months { _ = try await LogisticsPartitions.ensure(county: county, months: list.sorted(), on: sql) }
            try await sql.raw("INSERT INTO logistics_scans SELECT * FROM logistics_scans_by_month").run()
            try await sql.raw("DROP TABLE logistics_scans_by_month").run()
        }
    }

    /// Nothing to undo: the county layout holds the same rows, and `CreateLogistics.revert`
    /// drops the table whole.
    public func revert(on database: any Database) async throws {}
}
