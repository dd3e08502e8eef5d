import Divisions
import FluentKit
import Foundation
import LogisticsCore
import NetworkCore
import ServiceNetwork
import SQLKit
import XiangcunKit

/// Service levels of one place (a station's village, a township, the county) over a period.
public struct ServiceLevel: Sendable {
    public var code: String
    public var name: String
    public var inbound: Int64 = 0
    public var outbound: Int64 = 0
    public var arrived: Int64 = 0
    public var pickedUp: Int64 = 0
    public var exceptions: Int64 = 0
    public var returned: Int64 = 0
    public var lost: Int64 = 0
    /// Days on which at least one parcel arrived.
    public var deliveryDays: Set<String> = []
    public var transit = TransitHistogram()
    /// Days with an outbound collection (揽收).
    public var collectionDays: Set<String> = []

    public init(code: String, name: String) { self.code = code; self.name = name }

    mutating func add(_ row: DailyRow) {
        inbound += row["received"]
        outbound += row["collected"]
        arrived += row["arrived"]
        pickedUp += row["picked_up"]
        exceptions += row["exceptions"]
        returned += row["returned"]
        lost += row["lost"]
        if row["arrived"] > 0 { deliveryDays.insert(row.day) }
        if row["collected"] > 0 { collectionDays.insert(row.day) }
        transit = transit + row.transit
    }

    /// Pick-ups (by recipients) per week over `days` days.
    public func pickUpsPerWeek(days: Int) -> Double { days > 0 ? Double(pickedUp) * 7 / Double(days) : 0 }
    /// Outbound collection days per week.
    public func collectionsPerWeek(days: Int) -> Double { days > 0 ? Double(collectionDays.count) * 7 / Double(days) : 0 }
}

/// The logistics statistics of a county over a period, read from the daily rollup only.
public struct LogisticsReport: Sendable {
    public var county: String
    public var from: Day
    public var to: Day
    public var total: ServiceLevel
    public var townships: [ServiceLevel]
    public var stations: [ServiceLevel]
    /// Volumes: carrier → (inbound, outbound); day → (inbound, outbound).
    public var byCarrier: [(carrier: String, inbound: Int64, outbound: Int64)]
    public var byDay: [(day: String, inbound: Int64, outbound: Int64)]
    public var savingPerParcel: Money
    public var dailyCost: Money

    public var days: Int { from.days(until: to) + 1 }
    /// Estimated saving to villagers: parcels delivered to their station × the saving per parcel.
    public var saving: Money { Money(fen: total.arrived * savingPerParcel.fen) }
    /// What the co-delivery cost per parcel handled (nil without a cost or parcels).
    public var costPerParcel: Money? {
        let parcels = total.inbound + total.outbound
        guard dailyCost.fen > 0, parcels > 0 else { return nil }
        return Money(fen: dailyCost.fen * Int64(days) / parcels)
    }
}

public enum LogisticsStats {
    /// Only the county's totals (`total`, the saving) of `report`: what the logistics front page shows.
    public static func totals(county: DivisionCode, from: Day, to: Day, on db: any Database) async throws -> LogisticsReport {
        var total = ServiceLevel(code: county.value, name: county.value)
        for row in try await DailyRollup.dailyTotals(county: county.value, from: from.iso, to: to.iso, on: db) { total.add(row) }
        let settings = try await LogisticsSetup.settings(county: county, on: db)
        return LogisticsReport(county: county.value, from: from, to: to, total: total, townships: [], stations: [], byCarrier: [], byDay: [],
                               savingPerParcel: Money(fen: settings.savingFen), dailyCost: Money(fen: settings.dailyCostFen))
    }

    public static func report(county: DivisionCode, from: Day, to: Day, on db: any Database) async throws -> LogisticsReport {
        let rows = try await DailyRollup.rows(county: county.value, from: from.iso, to: to.iso, on: db)
        let names = try await NetworkQueries.divisionNames(county: county, on: db)
        var stationDivision: [UUID: String] = [:]
        var stationName: [UUID: String] = [:]
        for f in try await Facility.query(on: db).filter(\.$countyCode == county.value).all() {
            guard let id = f.id else { continue }
            stationDivision[id] = f.divisionCode
            stationName[id] = f.name
        }
        var total = ServiceLevel(code: county.value, name: names[county.value] ?? county.value)
        var townships: [String: ServiceLevel] = [:]
        var stations: [UUID: ServiceLevel] = [:]
        var carriers: [String: (Int64, Int64)] = [:]
        var days: [String: (Int64, Int64)] = [:]
        for row in rows {
            total.add(row)
            carriers[row.carrier, default: (0, 0)].0 += row["received"]
            carriers[row.carrier, default: (0, 0)].1 += row["collected"]
            days[row.day, default: (0, 0)].0 += row["received"]
            days[row.day, default: (0, 0)].1 += row["collected"]
            guard let station = row.station else { continue }
            let division = stationDivision[station] ?? ""
            stations[station, default: ServiceLevel(code: division, name: stationName[station] ?? "")].add(row)
            if let t = DivisionCode.townshipOf(division) { townships[t, default: ServiceLevel(code: t, name: names[t] ?? t)].add(row) }
        }
        let settings = try await LogisticsSetup.settings(county: county, on: db)
        return LogisticsReport(county: county.value, from: from, to: to, total: total,
                               townships: townships.values.sorted { $0.code < $1.code },
                               stations: stations.values.sorted { ($0.code, $0.name) < ($1.code, $1.name) },
                               byCarrier: carriers.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.inbound + $0.outbound > $1.inbound + $1.outbound },
                               byDay: days.map { ($0.key, $0.value.0, $0.value.1) }.sorted { $0.day < $1.day },
                               savingPerParcel: Money(fen: settings.savingFen), dailyCost: Money(fen: settings.dailyCostFen))
    }
}

/// Live values for programme targets (source keys `logistics.…`, see docs/logistics.md),
/// from the rollup of the 30 days up to `day`: one grouped query over the station-day sums
/// (`StationDays`) and the counties' settings, for one county or a whole province.
public enum LogisticsIndicators {
    public static let keys = [
        "logistics.inboundParcels30d", "logistics.outboundParcels30d", "logistics.withinTwoDaysPercent", "logistics.medianDays",
        "logistics.stationsWithDelivery30d", "logistics.savingYuan30d",
    ]

    public static func all(county: DivisionCode, day: Day, on db: any Database) async throws -> [String: Decimal] {
        try await all(counties: [county.value], day: day, on: db)[county.value] ?? [:]
    }

    /// county → its keys; a county without rollup rows has zero parcels and no transit times.
    public static func all(counties: [String], day: Day, on db: any Database) async throws -> [String: [String: Decimal]] {
        guard let sql = db as? any SQLDatabase, !counties.isEmpty else { return [:] }
        let sums = DailyRollup.sums(["received", "collected", "arrived"] + (0..<TransitHistogram.buckets).map { "t\($0)" })
        let rows = try await sql.raw("""
            SELECT county_code, \(unsafeRaw: sums),
              COUNT(DISTINCT CASE WHEN arrived > 0 AND station_key <> '' THEN station_key END) AS stations
            FROM logistics_station_days
            WHERE county_code IN (\(binds: counties)) AND day >= \(bind: day.adding(days: -29).iso) AND day <= \(bind: day.iso)
            GROUP BY county_code
            """).all()
        var saving = Dictionary(try await LogisticsSettings.query(on: db).filter(\.$countyCode ~~ counties).all().map { ($0.countyCode, $0.savingFen) },
                                uniquingKeysWith: { a, _ in a })
        var values: [String: [String: Decimal]] = [:]
        for county in counties {
            saving[county] = saving[county] ?? LogisticsSettings.defaultSavingFen
            values[county] = ["logistics.inboundParcels30d": 0, "logistics.outboundParcels30d": 0, "logistics.stationsWithDelivery30d": 0,
                              "logistics.savingYuan30d": 0]
        }
        for row in rows {
            let county = try row.decode(column: "county_code", as: String.self)
            let transit = TransitHistogram(try (0..<TransitHistogram.buckets).map { Int(try row.decode(column: "t\($0)", as: Int64.self)) })
            let arrived = try row.decode(column: "arrived", as: Int64.self)
            var v: [String: Decimal] = [
                "logistics.inboundParcels30d": Decimal(try row.decode(column: "received", as: Int64.self)),
                "logistics.outboundParcels30d": Decimal(try row.decode(column: "collected", as: Int64.self)),
                "logistics.stationsWithDelivery30d": Decimal(try row.decode(column: "stations", as: Int64.self)),
                "logistics.savingYuan30d": Decimal(arrived * (saving[county] ?? 0)) / 100,
            ]
            if let bp = transit.withinTwoDaysBasisPoints { v["logistics.withinTwoDaysPercent"] = Decimal(bp) / 100 }
            if let m = transit.median { v["logistics.medianDays"] = Decimal(m) }
            values[county] = v
        }
        return values
    }
}
