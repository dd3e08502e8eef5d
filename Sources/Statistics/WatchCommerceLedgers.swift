import Audit
import FluentKit
import SQLKit

/// The county version is bumped by writes to the people-and-commerce ledgers as well, so their
/// indicators can be cached per county like coverage (`CachedFigures.commerce`) and a province
/// reads every county's in one query. And the county's total of trace scans (a sum over the
/// per-batch daily counts) is read from an index that holds the counts, without visiting the
/// table. Appended to `Storage.migrations` after `CreateStatistics`.
public struct WatchCommerceLedgers: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await CountyVersions.installTriggers(on: database, tables: CountyVersions.commerceLedgers)
        try await database.createIndex("trace_scans_county_day_count", on: "trace_scans", columns: ["county_code", "day", "count"])
    }

    public func revert(on database: any Database) async throws {
        try await (database as? any SQLDatabase)?.raw("DROP INDEX IF EXISTS trace_scans_county_day_count").run()
        try await CountyVersions.dropTriggers(on: database, tables: CountyVersions.commerceLedgers, keepFunctions: true)
    }
}
