import FluentKit
import Foundation
import SQLKit
import XiangcunKit

/// PostgreSQL: the scans table is partitioned by county (LIST), each county's partition by
/// intake month (LIST), so a county's month can be detached or dropped whole and a timeline or
/// a county's statistics read one partition. The server creates, for every county that runs
/// logistics, this month's and the next `ahead` months' partitions when it starts and again
/// every few hours; a county's first use (its carriers being written) creates its own at once,
/// so a new county's first scan already has its partition. A month nobody created lands in the
/// county's default partition; a county nobody created in the table's default. SQLite has one
/// table.
public enum LogisticsPartitions {
    /// Counties that run logistics: those with carriers (written on first use) or a service network.
    public static func counties(on sql: any SQLDatabase) async throws -> [String] {
        let rows = try await sql.raw("""
            SELECT county_code FROM logistics_carriers UNION SELECT county_code FROM network_facilities
            """).all()
        return rows.compactMap { try? $0.decode(column: "county_code", as: String.self) }.filter(isCountyCode).sorted()
    }

    /// Every county's partitions; returns the names of the month partitions now present.
    @discardableResult
    public static func ensure(ahead: Int = 3, today: Day = .today(), on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return [] }
        var names: [String] = []
        for county in try await counties(on: sql) {
            names += try await ensure(county: county, ahead: ahead, today: today, on: db)
        }
        return names
    }

    /// One county's partition, its default and its months from this one to `ahead` months on.
    @discardableResult
    public static func ensure(county: String, ahead: Int = 3, today: Day = .today(), on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql", isCountyCode(county) else { return [] }
        var month = Month(year: today.year, month: today.month)
        var months: [String] = []
        for _ in 0...ahead {
            months.append(month.text)
            month = month.next
        }
        return try await ensure(county: county, months: months, on: sql)
    }

    /// Names and values below come from a validated county code and `Month` texts only.
    static func ensure(county: String, months: [String], on sql: any SQLDatabase) async throws -> [String] {
        guard sql.dialect.name == "postgresql", isCountyCode(county) else { return [] }
        let parent = countyTable(county)
        await attempt(sql, """
            CREATE TABLE IF NOT EXISTS \(parent) PARTITION OF logistics_scans FOR VALUES IN ('\(county)') PARTITION BY LIST (month)
            """)
        await attempt(sql, "CREATE TABLE IF NOT EXISTS \(parent)_default PARTITION OF \(parent) DEFAULT")
        var created: [String] = []
        for month in months where Month(month)?.text == month {
            let name = monthTable(county, month)
            if await attempt(sql, "CREATE TABLE IF NOT EXISTS \(name) PARTITION OF \(parent) FOR VALUES IN ('\(month)')") { created.append(name) }
        }
        return created
    }

    public static func countyTable(_ county: String) -> String { "logistics_scans_c\(county)" }

    public static func monthTable(_ county: String, _ month: String) -> String {
        countyTable(county) + "_" + month.replacingOccurrences(of: "-", with: "_")
    }

    /// A stored county code (12 digits; 6 accepted): the only text spliced into partition names.
    static func isCountyCode(_ text: String) -> Bool { (6...12).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// Runs one DDL statement; a failure (e.g. the default partition already holds rows of that
    /// month, which then stay there) is logged, not thrown: partitions are an optimisation.
    @discardableResult
    static func attempt(_ sql: any SQLDatabase, _ statement: String) async -> Bool {
        do {
            try await sql.raw("\(unsafeRaw: statement)").run()
            return true
        } catch {
            sql.logger.warning("logistics: partition statement failed: \(String(reflecting: error))")
            return false
        }
    }
}
