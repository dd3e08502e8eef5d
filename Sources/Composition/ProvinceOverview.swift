import Divisions
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import ServiceNetwork
import XiangcunKit

/// 全省概览 — the headline figures of each county of a province that runs the programme here,
/// for the province viewer's home page (picking a county opens it).
public struct CountyFigures: Sendable {
    public var county: Division
    /// nil when the county has no programme imported yet.
    public var programmeTitle: String?
    public var centralAllocated: Money
    public var centralDisbursed: Money
    public var villageStationsOperating: Int
    /// Administrative villages covered, in percent with two decimals; nil without villages.
    public var villageCoveragePercent: Decimal?

    /// Disbursed ÷ allocated; nil when nothing was allocated.
    public var disbursedRate: Rate? { Rate(centralDisbursed.fen, of: centralAllocated.fen) }
}

public enum ProvinceOverview {
    /// Counties of `province` with a programme or with service facilities, by code; the
    /// province's other counties are counted only, as they hold no data yet.
    public static func counties(in province: DivisionCode, asOf: Day = .today(), on db: any Database) async throws -> (rows: [CountyFigures], withoutData: Int) {
        let all = try await DivisionQueries.counties(inProvince: province, on: db).filter(\.active)
        let codes = all.compactMap(\.id)
        let programmes = try await ProgrammeRecord.query(on: db).filter(\.$countyCode ~~ codes).all()
        let withFacilities = Set(try await Facility.query(on: db).filter(\.$countyCode ~~ codes).all().map(\.countyCode))
        var rows: [CountyFigures] = []
        for county in all {
            guard let code = county.id else { continue }
            // The latest batch of the county, as pages show it.
            let programme = programmes.filter { $0.countyCode == code }.max { $0.batchYear < $1.batchYear }
            guard programme != nil || withFacilities.contains(code) else { continue }
            rows.append(try await figures(county, programme: programme, asOf: asOf, on: db))
        }
        return (rows, all.count - rows.count)
    }

    static func figures(_ county: Division, programme: ProgrammeRecord?, asOf: Day, on db: any Database) async throws -> CountyFigures {
        var disbursed: Int64 = 0
        if let id = programme?.id {
            disbursed = try await DisbursementRecord.query(on: db).filter(\.$programmeID == id)
                .filter(\.$status == DisbursementStatus.approved.rawValue).all().reduce(0) { $0 + $1.amountFen }
        }
        let live = try await LiveIndicators.values(county: county.id ?? "", asOf: asOf, on: db)
        return CountyFigures(county: county, programmeTitle: programme?.title, centralAllocated: Money(fen: programme?.centralAllocatedFen ?? 0),
                             centralDisbursed: Money(fen: disbursed),
                             villageStationsOperating: NSDecimalNumber(decimal: live["network.villageStationsOperating"] ?? 0).intValue,
                             villageCoveragePercent: live["network.villageCoveragePercent"])
    }
}

/// Whether a county holds any business data yet.
public enum CountyData {
    /// No programme and no service facility: a county that has only just been set up.
    public static func isEmpty(_ county: DivisionCode, on db: any Database) async throws -> Bool {
        let programmes = try await ProgrammeRecord.query(on: db).filter(\.$countyCode == county.value).count()
        let facilities = try await Facility.query(on: db).filter(\.$countyCode == county.value).count()
        return programmes == 0 && facilities == 0
    }
}
