import Divisions
import FluentKit
import Foundation
import LogisticsCore
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// A county's carriers, settings and sorting plan, with their defaults on first use.
public enum LogisticsSetup {
    /// The county's carriers; the defaults are written the first time a county asks.
    public static func carriers(county: DivisionCode, on db: any Database) async throws -> [Carrier] {
        let existing = try await Carrier.query(on: db).filter(\.$countyCode == county.value).sort(\.$code).all()
        guard existing.isEmpty else { return existing }
        let defaults = CarrierSpec.defaults.map { Carrier(county: county.value, spec: $0) }
        try await defaults.create(on: db)
        return defaults
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
        let stations = try await stations(county: county, on: db)
        let served = try await NetworkQueries.servedByFacility(county: county, on: db)
        let (townships, villages) = try await NetworkQueries.units(county: county, on: db)
        var ofVillage: [String: UUID] = [:]
        var ofTownship: [String: UUID] = [:]
        for f in stations {
            guard let id = f.id else { continue }
            if f.facilityType == .villageStation {
                for code in [f.divisionCode] + (served[id] ?? []) { ofVillage[code] = id }
            } else if ofTownship[f.divisionCode] == nil || f.facilityType == .townshipStation {
                ofTownship[f.divisionCode] = id
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
}
