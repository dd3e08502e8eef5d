import Foundation
import XiangcunKit

/// One status change, as a value.
public struct StatusEvent: Sendable, Equatable {
    public var day: Day
    public var status: FacilityStatus
    public init(_ day: Day, _ status: FacilityStatus) { self.day = day; self.status = status }
}

public enum StatusHistory {
    /// The status in force at the end of `day`: the last change effective on or before it
    /// (changes on the same day: the later one in the list wins). nil when the facility did not
    /// exist yet (no change on or before the day).
    public static func status(asOf day: Day, _ events: [StatusEvent]) -> FacilityStatus? {
        var result: FacilityStatus? = nil
        var resultDay: Day? = nil
        for e in events where e.day <= day {
            if resultDay == nil || e.day >= (resultDay ?? e.day) { result = e.status; resultDay = e.day }
        }
        return result
    }
}

/// A period in which a facility served a division besides its own: from `from` (inclusive;
/// nil: since the facility was recorded) to `until` (exclusive; nil: still served).
public struct ServedPeriod: Sendable, Equatable {
    public var code: String
    public var from: Day?
    public var until: Day?
    public init(_ code: String, from: Day? = nil, until: Day? = nil) { self.code = code; self.from = from; self.until = until }

    public func applies(on day: Day) -> Bool {
        (from.map { $0 <= day } ?? true) && (until.map { day < $0 } ?? true)
    }
}

/// The signage and demonstration flags from a day on (nil day: as recorded with the facility).
public struct FlagEvent: Sendable, Equatable {
    public var day: Day?
    public var signage: Bool
    public var demonstration: Bool
    public init(_ day: Day?, signage: Bool, demonstration: Bool) { self.day = day; self.signage = signage; self.demonstration = demonstration }
}

/// A facility as coverage sees it, with the history needed to see it at any past day.
public struct FacilitySnapshot: Sendable {
    public var id: UUID
    public var name: String
    public var type: FacilityType
    /// Where it sits (12-digit code).
    public var division: String
    /// Other divisions it serves or served (villages for village stations, townships for township stations).
    public var servedPeriods: [ServedPeriod]
    public var history: [StatusEvent]
    /// Flag changes in the order they were recorded.
    public var flagHistory: [FlagEvent]

    public init(id: UUID = UUID(), name: String, type: FacilityType, division: String, served: Set<String> = [], history: [StatusEvent],
                demonstration: Bool = false, signage: Bool = false) {
        self.init(id: id, name: name, type: type, division: division, servedPeriods: served.sorted().map { ServedPeriod($0) }, history: history,
                  flagHistory: [FlagEvent(nil, signage: signage, demonstration: demonstration)])
    }

    public init(id: UUID, name: String, type: FacilityType, division: String, servedPeriods: [ServedPeriod], history: [StatusEvent], flagHistory: [FlagEvent]) {
        self.id = id; self.name = name; self.type = type; self.division = division
        self.servedPeriods = servedPeriods; self.history = history; self.flagHistory = flagHistory
    }

    public func status(asOf day: Day) -> FacilityStatus? { StatusHistory.status(asOf: day, history) }

    /// The flags in force at the end of `day`: the last change effective on or before it.
    public func flags(asOf day: Day) -> (signage: Bool, demonstration: Bool) {
        let last = flagHistory.last { e in e.day.map { $0 <= day } ?? true }
        return (last?.signage ?? false, last?.demonstration ?? false)
    }

    /// The other divisions served at the end of `day`.
    public func served(asOf day: Day) -> Set<String> {
        Set(servedPeriods.filter { $0.applies(on: day) }.map(\.code))
    }

    /// The units it serves at its level on `day`: its own (if at that level) and the extra ones at that level.
    public func servedUnits(asOf day: Day) -> Set<String> {
        guard let level = type.servesLevel else { return [] }
        var units = Set(served(asOf: day).filter { DivisionCode.levelOf($0) == level })
        if DivisionCode.levelOf(division) == level { units.insert(division) }
        return units
    }

    /// The township (9-digit prefix padded to 12) it lies in, if any.
    public var township: String? { DivisionCode.townshipOf(division) }
}

public struct VillageRef: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var urbanRuralClass: String?
    public init(code: String, name: String, urbanRuralClass: String? = nil) { self.code = code; self.name = name; self.urbanRuralClass = urbanRuralClass }
    public var township: String { DivisionCode.townshipOf(code) ?? code }
}

public struct TownshipRef: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public init(code: String, name: String) { self.code = code; self.name = name }
}

public struct CoverageInput: Sendable {
    public var asOf: Day
    public var townships: [TownshipRef]
    /// Active village-level divisions (all; the rules pick the administrative villages).
    public var villages: [VillageRef]
    public var facilities: [FacilitySnapshot]

    public init(asOf: Day, townships: [TownshipRef], villages: [VillageRef], facilities: [FacilitySnapshot]) {
        self.asOf = asOf; self.townships = townships; self.villages = villages; self.facilities = facilities
    }
}

public struct TownshipCoverage: Sendable, Codable, Equatable {
    public var code: String
    public var name: String
    /// Served by an operating township-level station (township station, logistics hub or commerce centre).
    public var hasStation: Bool
    public var villages: Int
    public var coveredVillages: Int
    public var villageStationsOperating: Int
    /// Village stations in the plan at that date (any status but closed).
    public var villageStationsPlanned: Int
    public var uncovered: [VillageRef]

    public var rate: Rate? { Rate(Int64(coveredVillages), of: Int64(villages)) }
}

public struct CoverageReport: Sendable, Codable, Equatable {
    public var asOf: Day
    public var townships: [TownshipCoverage]
    /// Facilities by type and status as of the date (facilities not yet existing are left out).
    public var counts: [String: [String: Int]]
    /// Operating facilities flagged as demonstration stations / with uniform signage (current flags).
    public var demonstrationOperating: Int
    public var signageOperating: Int

    public var townshipCount: Int { townships.count }
    public var townshipsWithStation: Int { townships.filter(\.hasStation).count }
    public var villages: Int { townships.reduce(0) { $0 + $1.villages } }
    public var coveredVillages: Int { townships.reduce(0) { $0 + $1.coveredVillages } }
    public var villageRate: Rate? { Rate(Int64(coveredVillages), of: Int64(villages)) }
    public var townshipRate: Rate? { Rate(Int64(townshipsWithStation), of: Int64(townshipCount)) }
    public var uncoveredVillages: [VillageRef] { townships.flatMap(\.uncovered) }

    public func count(_ type: FacilityType, _ status: FacilityStatus) -> Int { counts[type.rawValue]?[status.rawValue] ?? 0 }

    /// In the plan at the date: every status but closed.
    public func planned(_ type: FacilityType) -> Int {
        FacilityStatus.allCases.filter { $0 != .closed }.reduce(0) { $0 + count(type, $1) }
    }
}

/// The coverage rules (覆盖率口径), as pure functions. See docs/network.md.
public enum CoverageRules {
    /// Administrative villages (行政村) are active village-level divisions whose NBS urban-rural
    /// class is rural (2xx: 210 村委会所在地 / 220 村庄) or unknown. Communities (1xx, 社区居委会)
    /// are left out of the denominator.
    public static func isAdministrativeVillage(_ urbanRuralClass: String?) -> Bool {
        guard let c = urbanRuralClass?.trimmingCharacters(in: .whitespaces), !c.isEmpty else { return true }
        return c.hasPrefix("2")
    }

    public static func compute(_ input: CoverageInput) -> CoverageReport {
        let day = input.asOf
        var coveredVillages = Set<String>()
        var servedTownships = Set<String>()
        var counts: [String: [String: Int]] = [:]
        var stationsOperating: [String: Int] = [:]
        var stationsPlanned: [String: Int] = [:]
        var demonstration = 0, signage = 0
        for f in input.facilities {
            guard let status = f.status(asOf: day) else { continue }
            counts[f.type.rawValue, default: [:]][status.rawValue, default: 0] += 1
            let township = f.township ?? ""
            if f.type == .villageStation {
                if status != .closed { stationsPlanned[township, default: 0] += 1 }
                if status == .operating { stationsOperating[township, default: 0] += 1 }
            }
            guard status == .operating else { continue }
            let flags = f.flags(asOf: day)
            if flags.demonstration { demonstration += 1 }
            if flags.signage { signage += 1 }
            switch f.type.servesLevel {
            case .village?: coveredVillages.formUnion(f.servedUnits(asOf: day))
            case .township?: servedTownships.formUnion(f.servedUnits(asOf: day))
            default: break
            }
        }
        let eligible = input.villages.filter { isAdministrativeVillage($0.urbanRuralClass) }
        let byTownship = Dictionary(grouping: eligible, by: \.township)
        let townships = input.townships.sorted { $0.code < $1.code }.map { t -> TownshipCoverage in
            let villages = (byTownship[t.code] ?? []).sorted { $0.code < $1.code }
            let uncovered = villages.filter { !coveredVillages.contains($0.code) }
            return TownshipCoverage(code: t.code, name: t.name, hasStation: servedTownships.contains(t.code), villages: villages.count,
                                    coveredVillages: villages.count - uncovered.count,
                                    villageStationsOperating: stationsOperating[t.code] ?? 0,
                                    villageStationsPlanned: stationsPlanned[t.code] ?? 0, uncovered: uncovered)
        }
        return CoverageReport(asOf: day, townships: townships, counts: counts, demonstrationOperating: demonstration, signageOperating: signage)
    }
}

extension DivisionCode {
    /// The level of a 12-digit code, or nil when it is not a valid code.
    static func levelOf(_ text: String) -> DivisionLevel? { (try? DivisionCode(text))?.level }

    /// The township (12 digits) a township- or village-level code lies in.
    public static func townshipOf(_ text: String) -> String? {
        guard let code = try? DivisionCode(text) else { return nil }
        switch code.level {
        case .township: return code.value
        case .village: return code.parent?.value
        default: return nil
        }
    }
}
