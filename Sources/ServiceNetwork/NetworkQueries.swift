import Accounts
import Divisions
import FluentKit
import Foundation
import SQLKit
import NetworkCore
import XiangcunKit

/// Who may do what in the network (站点权限), on top of the county scope.
public enum NetworkAccess {
    /// County administrators (and system administrators) manage every facility of the county.
    public static func canManage(_ role: Role) -> Bool { role == .countyAdmin || role == .systemAdmin }
    /// Station operators edit only the station linked to their account.
    public static func isOperator(_ role: Role) -> Bool { role == .stationOperator }
    /// The operator's phone is personal data: whole for roles that need it, masked otherwise.
    public static func phone(_ phone: String?, role: Role, ownStation: Bool) -> String? {
        guard let phone, !phone.isEmpty else { return nil }
        return role.can(.seePersonalData) || ownStation ? phone : Identifiers.maskPhone(phone)
    }
}

public struct FacilityFilter: Sendable {
    public var type: FacilityType?
    public var status: FacilityStatus?
    /// A township (12 digits): facilities in it or in its villages.
    public var township: String?
    public var text: String?
    public init(type: FacilityType? = nil, status: FacilityStatus? = nil, township: String? = nil, text: String? = nil) {
        self.type = type; self.status = status; self.township = township; self.text = text
    }
}

public enum NetworkQueries {
    /// A facility by id, only inside the county (nil otherwise, so callers answer 404).
    public static func facility(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> Facility? {
        try await Facility.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    public static func facilities(county: DivisionCode, filter: FacilityFilter = FacilityFilter(), on db: any Database) async throws -> [Facility] {
        let q = Facility.query(on: db).filter(\.$countyCode == county.value)
        if let type = filter.type { q.filter(\.$type == type.rawValue) }
        if let status = filter.status { q.filter(\.$status == status.rawValue) }
        if let t = filter.township, let code = try? DivisionCode(t) {
            q.filter(\.$divisionCode >= code.short).filter(\.$divisionCode < code.short + "z")
        }
        var list = try await q.sort(\.$divisionCode).sort(\.$name).all()
        if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            list = list.filter { $0.name.contains(text) || $0.address.contains(text) }
        }
        return list
    }

    /// The facility linked to a station operator's account.
    public static func operatorFacility(userID: UUID, county: DivisionCode, on db: any Database) async throws -> Facility? {
        guard let link = try await FacilityOperator.query(on: db).filter(\.$userID == userID).filter(\.$countyCode == county.value).first() else { return nil }
        return try await facility(link.facilityID, county: county, on: db)
    }

    public static func operators(of facilityID: UUID, on db: any Database) async throws -> [User] {
        let ids = try await FacilityOperator.query(on: db).filter(\.$facilityID == facilityID).all().map(\.userID)
        guard !ids.isEmpty else { return [] }
        return try await User.query(on: db).filter(\.$id ~~ ids).sort(\.$username).all()
    }

    /// Every period of every division a facility serves or served, earliest first.
    public static func servedPeriods(of facilityID: UUID, on db: any Database) async throws -> [FacilityServedDivision] {
        try await FacilityServedDivision.query(on: db).filter(\.$facilityID == facilityID).all()
            .sorted { ($0.validFrom ?? "", $0.divisionCode) < ($1.validFrom ?? "", $1.divisionCode) }
    }

    /// The first day each facility of a county has a status for (when it was first recorded).
    public static func firstStatusDays(county: DivisionCode, on db: any Database) async throws -> [UUID: Day] {
        var first: [UUID: Day] = [:]
        for e in try await FacilityStatusChange.query(on: db).filter(\.$countyCode == county.value).all() {
            guard let day = Day(e.effectiveOn) else { continue }
            if let known = first[e.facilityID], known <= day { continue }
            first[e.facilityID] = day
        }
        return first
    }

    public static func history(of facilityID: UUID, on db: any Database) async throws -> [FacilityStatusChange] {
        try await FacilityStatusChange.query(on: db).filter(\.$facilityID == facilityID).sort(\.$effectiveOn).sort(\.$recordedAt).all()
    }

    public static func records(of facilityID: UUID, on db: any Database) async throws -> [OperatingRecord] {
        try await OperatingRecord.query(on: db).filter(\.$facilityID == facilityID).sort(\.$month, .descending).all()
    }

    /// A station's record for one month, if it has one.
    public static func record(of facilityID: UUID, month: Month, on db: any Database) async throws -> OperatingRecord? {
        try await OperatingRecord.query(on: db).filter(\.$facilityID == facilityID).filter(\.$month == month.text).first()
    }

    public static func records(county: DivisionCode, month: Month? = nil, on db: any Database) async throws -> [OperatingRecord] {
        let q = OperatingRecord.query(on: db).filter(\.$countyCode == county.value)
        if let month { q.filter(\.$month == month.text) }
        return try await q.sort(\.$month).all()
    }

    public static func photos(of facilityID: UUID, on db: any Database) async throws -> [FacilityPhoto] {
        try await FacilityPhoto.query(on: db).filter(\.$facilityID == facilityID).sort(\.$uploadedAt).all()
    }

    /// A photo of a facility; nil when the id names another facility's photo.
    public static func photo(_ id: UUID, of facilityID: UUID, on db: any Database) async throws -> FacilityPhoto? {
        try await FacilityPhoto.query(on: db).filter(\.$id == id).filter(\.$facilityID == facilityID).first()
    }

    /// A facility's current values as form input, with its services and the divisions it serves today.
    public static func input(of f: Facility, on db: any Database) async throws -> FacilityInput {
        let id = try f.requireID()
        return FacilityInput(f, services: try await NetworkService.services(of: id, on: db), served: try await NetworkService.servedDivisions(of: id, on: db))
    }

    /// The service catalogue of a county: (code, zh name, en name) — defaults first, then the county's own.
    public static func catalogue(county: DivisionCode, on db: any Database) async throws -> [(code: String, zh: String, en: String, custom: Bool)] {
        let custom = try await CustomService.query(on: db).filter(\.$countyCode == county.value).sort(\.$name).all()
        return DefaultService.allCases.map { ($0.rawValue, Catalogue.text($0.messageKey, .zh), Catalogue.text($0.messageKey, .en), false) }
            + custom.map { ($0.code, $0.name, $0.name, true) }
    }

    /// Services of every facility of a county: facility id → codes.
    public static func servicesByFacility(county: DivisionCode, on db: any Database) async throws -> [UUID: [String]] {
        var map: [UUID: [String]] = [:]
        for s in try await FacilityService.query(on: db).filter(\.$countyCode == county.value).all() { map[s.facilityID, default: []].append(s.serviceCode) }
        return map.mapValues { $0.sorted() }
    }

    /// The divisions each facility of a county serves today: facility id → codes.
    public static func servedByFacility(county: DivisionCode, on db: any Database) async throws -> [UUID: [String]] {
        var map: [UUID: [String]] = [:]
        for s in try await FacilityServedDivision.query(on: db).filter(\.$countyCode == county.value).filter(\.$validTo == nil).all() {
            map[s.facilityID, default: []].append(s.divisionCode)
        }
        return map.mapValues { $0.sorted() }
    }

    /// Every facility of a county as coverage sees it, with its histories (four queries).
    public static func snapshots(county: DivisionCode, on db: any Database) async throws -> [FacilitySnapshot] {
        let facilities = try await Facility.query(on: db).filter(\.$countyCode == county.value).all()
        var events: [UUID: [StatusEvent]] = [:]
        for e in try await FacilityStatusChange.query(on: db).filter(\.$countyCode == county.value).sort(\.$recordedAt).all() {
            guard let day = Day(e.effectiveOn), let status = FacilityStatus(rawValue: e.status) else { continue }
            events[e.facilityID, default: []].append(StatusEvent(day, status))
        }
        var served: [UUID: [ServedPeriod]] = [:]
        for s in try await FacilityServedDivision.query(on: db).filter(\.$countyCode == county.value).all() {
            served[s.facilityID, default: []].append(s.period)
        }
        var flags: [UUID: [FlagEvent]] = [:]
        for e in try await FacilityFlagChange.query(on: db).filter(\.$countyCode == county.value).sort(\.$recordedAt).all() {
            flags[e.facilityID, default: []].append(e.event)
        }
        return facilities.compactMap { f in
            guard let id = f.id else { return nil }
            // A facility without recorded flag changes carries its current flags from the start.
            let flagHistory = flags[id] ?? [FlagEvent(nil, signage: f.signage, demonstration: f.demonstration)]
            return FacilitySnapshot(id: id, name: f.name, type: f.facilityType, division: f.divisionCode, servedPeriods: served[id] ?? [],
                                    history: events[id] ?? [], flagHistory: flagHistory)
        }
    }

    /// Townships and villages of a county on the division list at the end of `day` (default: today's list).
    public static func units(county: DivisionCode, asOf day: Day? = nil, on db: any Database) async throws -> (townships: [TownshipRef], villages: [VillageRef]) {
        // Plain rows, not Division models: parcel sorting reads this for every intake batch, and
        // decoding a county's few hundred divisions as models was a measurable share of it.
        guard let sql = db as? any SQLDatabase else { return ([], []) }
        let query = sql.select().columns("code", "name", "level", "urban_rural_class", "active", "listed_from", "delisted_on")
            .from(Division.schema).where("county_code", .equal, county.value).where("level", .greaterThanOrEqual, DivisionLevel.township.rawValue)
        if day == nil { query.where("active", .equal, true) }
        var townships: [TownshipRef] = [], villages: [VillageRef] = []
        for row in try await query.orderBy("code").all() {
            if let day, !Division.listed(on: day, from: try row.decode(column: "listed_from", as: String?.self),
                                         delisted: try row.decode(column: "delisted_on", as: String?.self),
                                         active: try row.decode(column: "active", as: Bool.self)) { continue }
            let code = try row.decode(column: "code", as: String.self), name = try row.decode(column: "name", as: String.self)
            switch DivisionLevel(rawValue: try row.decode(column: "level", as: Int.self)) ?? .village {
            case .township: townships.append(TownshipRef(code: code, name: name))
            case .village: villages.append(VillageRef(code: code, name: name, urbanRuralClass: try row.decode(column: "urban_rural_class", as: String?.self)))
            default: continue
            }
        }
        return (townships, villages)
    }

    /// Coverage of a county at the end of a (Beijing) day.
    /// Pass `snapshots` when the caller already loaded them (pages that also show completeness).
    public static func coverage(county: DivisionCode, asOf day: Day, snapshots known: [FacilitySnapshot]? = nil,
                                on db: any Database) async throws -> CoverageReport {
        let (townships, villages) = try await units(county: county, asOf: day, on: db)
        let snapshots: [FacilitySnapshot]
        if let known { snapshots = known } else { snapshots = try await self.snapshots(county: county, on: db) }
        return CoverageRules.compute(CoverageInput(asOf: day, townships: townships, villages: villages, facilities: snapshots))
    }

    /// Reporting completeness of the last `months` months up to `through` (newest first).
    public static func completeness(county: DivisionCode, through: Month, months: Int, snapshots known: [FacilitySnapshot]? = nil,
                                    on db: any Database) async throws -> [ReportingRules.Completeness] {
        let snapshots: [FacilitySnapshot]
        if let known { snapshots = known } else { snapshots = try await self.snapshots(county: county, on: db) }
        var list: [Month] = []
        var m = through
        for _ in 0..<max(1, months) { list.append(m); m = m.previous }
        let texts = list.map(\.text)
        let submissions = try await OperatingRecord.query(on: db).filter(\.$countyCode == county.value).filter(\.$month ~~ texts).all()
            .compactMap { r in Month(r.month).map { ReportingRules.Submission(facilityID: r.facilityID, month: $0, submittedAt: r.submittedAt) } }
        return list.map { ReportingRules.completeness(month: $0, facilities: snapshots, submissions: submissions) }
    }

    /// Names of divisions of a county (code → name), for display.
    public static func divisionNames(county: DivisionCode, on db: any Database) async throws -> [String: String] {
        var names: [String: String] = [:]
        for d in try await Division.query(on: db).filter(\.$countyCode == county.value).all() { if let id = d.id { names[id] = d.name } }
        return names
    }
}
