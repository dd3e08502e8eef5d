import FluentKit

/// The county version is bumped by writes to the people-and-commerce ledgers as well, so their
/// indicators can be cached per county like coverage (`CachedFigures.commerce`) and a province
/// reads every county's in one query. Appended to `Storage.migrations` after `CreateStatistics`.
public struct WatchCommerceLedgers: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await CountyVersions.installTriggers(on: database, tables: CountyVersions.commerceLedgers)
    }

    public func revert(on database: any Database) async throws {
        try await CountyVersions.dropTriggers(on: database, tables: CountyVersions.commerceLedgers)
    }
}
