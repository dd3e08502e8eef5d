import Divisions
import FluentKit
import Foundation
import LogisticsCore
import NetworkCore
import ServiceNetwork
import SQLKit
import XiangcunKit

/// A county's carriers, settings and sorting plan, with their defaults on first use.
public enum LogisticsSetup {
    /// The county's carriers; the defaults are written the first time a county asks.
    public static func carriers(county: DivisionCode, on db: any Database) async throws -> [Carrier] {
        let existing = try await Carrier.query(on: db).filter(\.$countyCode == county.value).sort(\.$code).all()
        guard existing.isEmpty, let sql = db as? any SQLDatabase else { return existing }
        // Two first batches can arrive together: whichever writes second skips what is there.
        let insert = sql.insert(into: Carrier.schema).columns("id", "county_code", "code", "name", "pattern")
        for spec in CarrierSpec.defaults {
            insert.values(SQLBind(UUID()), SQLBind(county.value), SQLBind(spec.code), SQLBind(spec.name), SQLBind(spec.pattern))
        }
        try await insert.ignoringConflicts(with: ["county_code", "code"]).run()
        // A county's first use: its scans' partitions exist before its first parcel.
        try await LogisticsPartitions.ensure(county: county.value, on: db)
        return try await Carrier.query(on: db).filter(\.$countyCode == county.value).sort(\.$code).all()
    }

    public static func settings(county: DivisionCode, on db: any Database) async throws -> LogisticsSettings {
        if let s = try await LogisticsSettings.query(on: db).filter(\.$countyCode == county.value).first() { return s }
        let s = LogisticsSettings()
        s.countyCode = county.value
        s.savingFen = LogisticsSettings.defaultSavingFen
        s.dailyCostFen = 0
        return s
    }

    /// Stations parcels can be sorted to: operating village stations, and township stations or
    /// hubs for villages that have no station of their own.
    public static func stations(county: DivisionCode, on db: any Database) async throws -> [Facility] {
        let types = [FacilityType.villageStation, .townshipStation, .townshipHub].map(\.rawValue)
        return try await Facility.query(on: db).filter(\.$countyCode == county.value).filter(\.$type ~~ types)
            .filter(\.$status == FacilityStatus.operating.rawValue).sort(\.$name).all()
    }

    /// Everything sorting needs, read in four queries.
    public static func sortingPlan(county: DivisionCode, on db: any Database) async throws -> SortingPlan {
        let stations = try await sortingStations(county: county, on: db)
        let served = try await NetworkQueries.servedByFacility(county: county, on: db)
        let (townships, villages) = try await NetworkQueries.units(county: county, on: db)
        var ofVillage: [String: UUID] = [:]
        var ofTownship: [String: UUID] = [:]
        for (id, type, division) in stations {
            if type == .villageStation {
                for code in [division] + (served[id] ?? []) { ofVillage[code] = id }
            } else if ofTownship[division] == nil || type == .townshipStation {
                ofTownship[division] = id
            }
        }
        var villagesNamed: [String: [String]] = [:]
        for v in villages {
            if ofVillage[v.code] == nil, let t = DivisionCode.townshipOf(v.code), let station = ofTownship[t] { ofVillage[v.code] = station }
            villagesNamed[SortingPlan.shortName(v.name), default: []].append(v.code)
        }
        var aliases: [String: UUID] = [:]
        for a in try await StationAlias.query(on: db).filter(\.$countyCode == county.value).all() { aliases[a.alias] = a.stationID }
        return SortingPlan(stationOfVillage: ofVillage, villagesNamed: villagesNamed,
                           townshipsNamed: Dictionary(townships.map { ($0.name, $0.code) }, uniquingKeysWith: { a, _ in a }), aliases: aliases)
    }

    /// `stations` as sorting needs them (id, type, division), in one plain SQL query: sorting
    /// runs for every intake batch, and decoding whole facility models was a measurable share.
    static func sortingStations(county: DivisionCode, on db: any Database) async throws -> [(UUID, FacilityType, String)] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let types = [FacilityType.villageStation, .townshipStation, .townshipHub].map(\.rawValue)
        let rows = try await sql.select().columns("id", "type", "division_code").from(Facility.schema)
            .where("county_code", .equal, county.value).where(SQLIdentifier("type"), .in, SQLBind.group(types))
            .where("status", .equal, FacilityStatus.operating.rawValue).orderBy("name").all()
        return try rows.compactMap { row in
            guard let type = FacilityType(rawValue: try row.decode(column: "type", as: String.self)) else { return nil }
            return (try row.decode(column: "id", as: UUID.self), type, try row.decode(column: "division_code", as: String.self))
        }
    }
}
