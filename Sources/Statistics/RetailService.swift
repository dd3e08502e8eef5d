import Audit
import FluentKit
import Foundation
import StatisticsCore
import XiangcunKit

/// One shop row as entered or imported (amounts in fen).
public struct ShopInput: Sendable, Hashable {
    public var month: Month
    public var enterprise: String
    public var shop: String
    public var platform: String
    public var total: Money
    public var farm: Money
    public init(month: Month, enterprise: String, shop: String, platform: String, total: Money, farm: Money) {
        self.month = month; self.enterprise = enterprise; self.shop = shop; self.platform = platform; self.total = total; self.farm = farm
    }
}

/// Writes of online retail figures, each with its audit entry and rollups in one transaction.
public enum RetailService {
    public enum Outcome: Sendable, Equatable {
        case saved
        /// Jumps beyond the bound: shown to the user, saved only when confirmed.
        case needsConfirmation([RetailPlausibility.Warning])
    }

    /// Enters or corrects a month's county figures. Parts over the total are refused
    /// (`ValidationFailure` by field); a jump beyond the bound needs `confirmed`.
    public static func saveMonth(county: String, month: Month, figures: RetailFigures, note: String = "", confirmed: Bool,
                                 sample: Bool = false, actor: AuditActor, on db: any Database) async throws -> Outcome {
        let errors = RetailPlausibility.errors(figures)
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let series = try await RetailQueries.series(county: county, on: db)
        let warnings = RetailPlausibility.warnings(figures, month: month, series: series)
        guard warnings.isEmpty || confirmed else { return .needsConfirmation(warnings) }
        try await db.writeTransaction { tx in
            let existing = try await RetailMonthRecord.query(on: tx).filter(\.$countyCode == county).filter(\.$month == month.text).first()
            let row = existing ?? RetailMonthRecord()
            let old = existing.map(auditValues)
            row.countyCode = county; row.month = month.text
            row.totalFen = figures.total.fen; row.physicalFen = figures.physical.fen; row.farmFen = figures.farm.fen
            row.note = note; row.sample = sample
            try await row.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: existing == nil ? .create : .update, entity: "retailMonth",
                                      entityID: month.text, county: county, old: old, new: auditValues(row))
        }
        return .saved
    }

    public static func deleteMonth(county: String, month: Month, actor: AuditActor, on db: any Database) async throws -> Bool {
        try await db.writeTransaction { tx in
            guard let row = try await RetailMonthRecord.query(on: tx).filter(\.$countyCode == county).filter(\.$month == month.text).first() else { return false }
            try await row.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .delete, entity: "retailMonth", entityID: month.text, county: county, old: auditValues(row))
            return true
        }
    }

    /// Replaces the shop rows of every month present in `rows` (all-or-nothing) and their rollups.
    public static func replaceShops(county: String, rows: [ShopInput], sample: Bool = false, actor: AuditActor, on db: any Database) async throws {
        let months = Set(rows.map(\.month))
        try await db.writeTransaction { tx in
            for month in months {
                try await RetailShopRecord.query(on: tx).filter(\.$countyCode == county).filter(\.$month == month.text).delete()
            }
            let records = rows.map { r in
                let shop = RetailShopRecord()
                shop.countyCode = county; shop.month = r.month.text; shop.enterprise = r.enterprise; shop.shop = r.shop
                shop.platform = r.platform; shop.totalFen = r.total.fen; shop.farmFen = r.farm.fen; shop.sample = sample
                return shop
            }
            // Several rows per statement (within SQLite's limit on bound values).
            var start = 0
            while start < records.count {
                try await Array(records[start..<min(start + 500, records.count)]).create(on: tx)
                start += 500
            }
            for month in months { try await RetailRollups.refresh(county: county, month: month.text, on: tx) }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: "retailShops", entityID: months.map(\.text).sorted().joined(separator: ","),
                                      county: county, new: ["rows": "\(rows.count)"])
        }
    }

    /// Deletes one shop row (through the county) and refreshes its month's rollup.
    public static func deleteShop(_ id: UUID, county: String, actor: AuditActor, on db: any Database) async throws -> Bool {
        try await db.writeTransaction { tx in
            guard let row = try await RetailShopRecord.query(on: tx).filter(\.$id == id).filter(\.$countyCode == county).first() else { return false }
            try await row.delete(on: tx)
            try await RetailRollups.refresh(county: county, month: row.month, on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .delete, entity: "retailShop", entityID: id.uuidString, county: county,
                                      old: ["shop": row.shop, "platform": row.platform, "month": row.month, "totalFen": "\(row.totalFen)"])
            return true
        }
    }

    /// Sets (or clears, with nil) a county's target for an indicator in a year.
    public static func setTarget(county: String, year: Int, indicator: String, value: Decimal?, actor: AuditActor, on db: any Database) async throws {
        try await db.writeTransaction { tx in
            let existing = try await StatisticsTarget.query(on: tx).filter(\.$countyCode == county).filter(\.$year == year)
                .filter(\.$indicator == indicator).first()
            let old = existing.map { ["value": $0.value] }
            if let value {
                let row = existing ?? StatisticsTarget()
                row.countyCode = county; row.year = year; row.indicator = indicator; row.value = "\(value)"
                try await row.save(on: tx)
            } else if let existing { try await existing.delete(on: tx) } else { return }
            try await AuditLog.record(on: tx, actor: actor, action: existing == nil ? .create : (value == nil ? .delete : .update), entity: "statisticsTarget",
                                      entityID: "\(year).\(indicator)", county: county, old: old, new: value.map { ["value": "\($0)"] })
        }
    }

    static func auditValues(_ r: RetailMonthRecord) -> AuditValues {
        ["month": r.month, "totalFen": "\(r.totalFen)", "physicalFen": "\(r.physicalFen)", "farmFen": "\(r.farmFen)", "note": r.note]
    }
}

extension RetailService {
    /// What an import found: saved, or warnings to confirm (nothing saved yet).
    public enum ImportOutcome: Sendable, Equatable {
        case saved(months: Int, shops: Int)
        case needsConfirmation([String: [RetailPlausibility.Warning]])
    }

    /// Saves a parsed workbook all-or-nothing: every month (with its plausibility warnings,
    /// confirmed or not) and the shop rows of each month present, in one transaction.
    public static func importWorkbook(_ parsed: RetailWorkbook.Parsed, county: String, confirmed: Bool, sample: Bool = false,
                                      actor: AuditActor, on db: any Database) async throws -> ImportOutcome {
        var series = try await RetailQueries.series(county: county, on: db)
        for m in parsed.months { series[m.month] = m.figures.total.fen }
        var warnings: [String: [RetailPlausibility.Warning]] = [:]
        for m in parsed.months {
            let found = RetailPlausibility.warnings(m.figures, month: m.month, series: series)
            if !found.isEmpty { warnings[m.month.text] = found }
        }
        guard warnings.isEmpty || confirmed else { return .needsConfirmation(warnings) }
        try await db.writeTransaction { tx in
            for m in parsed.months {
                _ = try await saveMonth(county: county, month: m.month, figures: m.figures, confirmed: true, sample: sample, actor: actor, on: tx)
            }
            if !parsed.shops.isEmpty {
                try await replaceShops(county: county, rows: parsed.shops.map {
                    ShopInput(month: $0.month, enterprise: $0.enterprise, shop: $0.shop, platform: $0.platform, total: $0.total, farm: $0.farm)
                }, sample: sample, actor: actor, on: tx)
            }
        }
        return .saved(months: parsed.months.count, shops: parsed.shops.count)
    }
}
