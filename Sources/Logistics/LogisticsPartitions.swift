import FluentKit
import Foundation
import SQLKit
import XiangcunKit

/// PostgreSQL: the scans table is partitioned by intake month. The server creates this month's
/// and the next `ahead` months' partitions when it starts, so rows land in their own partition
/// (old months can be detached or dropped whole); a month nobody created goes to the default
/// partition. SQLite has one table.
public enum LogisticsPartitions {
    @discardableResult
    public static func ensure(ahead: Int = 3, today: Day = .today(), on db: any Database) async throws -> [String] {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return [] }
        var m = Month(year: today.year, month: today.month)
        var created: [String] = []
        for _ in 0...ahead {
            let name = "logistics_scans_" + m.text.replacingOccurrences(of: "-", with: "_")
            do {
                // Names and values come from a Month, never from input.
                try await sql.raw(SQLQueryString("CREATE TABLE IF NOT EXISTS \(unsafeRaw: name) PARTITION OF logistics_scans FOR VALUES IN ('\(unsafeRaw: m.text)')")).run()
                created.append(name)
            } catch {
                // The default partition already holds rows of that month: they stay there.
                db.logger.warning("logistics: partition \(name) not created: \(String(reflecting: error))")
            }
            m = m.next
        }
        return created
    }
}
