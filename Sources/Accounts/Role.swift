import XiangcunKit

/// What a person does in the programme; decides what they may see and change.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// 县商务局: owns the plan, approves disbursements, manages users of the county.
    case countyAdmin
    /// 承办企业: reports progress for its own tasks.
    case contractor
    /// 站长: runs one service station.
    case stationOperator
    /// 第三方审计: reads everything of the county and verifies evidence.
    case auditor
    /// 省级: reads every county of the province.
    case provinceViewer
    /// Runs the installation: users, divisions, every county.
    case systemAdmin
    /// 分拣员: receives, sorts and loads parcels at the county logistics centre.
    case sorter
    /// 司机: drives the day's delivery and pick-up routes.
    case driver
    /// 检测员: records quality inspections of farm-product batches.
    case inspector
    /// 生产主体: a farm-product producer (cooperative, family farm …) recording its batches.
    case producer

    public var messageKey: String { "role.\(rawValue)" }

    /// The division level a user of this role is attached to (nil: the whole installation).
    public var scopeLevel: DivisionLevel? {
        switch self {
        case .systemAdmin: return nil
        case .provinceViewer: return .province
        default: return .county
        }
    }

    public func can(_ permission: Permission) -> Bool {
        switch permission {
        case .readCounty: return true
        case .readProgramme, .readNetwork: return ![.sorter, .driver, .inspector, .producer].contains(self)
        case .manageUsers: return self == .countyAdmin || self == .systemAdmin
        case .readAudit: return [.countyAdmin, .auditor, .provinceViewer, .systemAdmin].contains(self)
        case .importDivisions: return self == .countyAdmin || self == .systemAdmin
        case .manageTokens: return ![.stationOperator, .sorter, .driver, .producer].contains(self)
        case .seePersonalData: return self == .countyAdmin || self == .systemAdmin || self == .auditor
        case .editProgramme: return self == .countyAdmin || self == .systemAdmin
        case .approveDisbursements: return self == .countyAdmin
        case .verifyProgress: return self == .auditor || self == .countyAdmin
        case .reportProgress: return self == .contractor || self == .countyAdmin
        case .readTrace: return [.countyAdmin, .auditor, .provinceViewer, .systemAdmin, .inspector, .producer].contains(self)
        case .manageTrace: return self == .countyAdmin || self == .systemAdmin
        case .recordTrace: return [.countyAdmin, .systemAdmin, .producer].contains(self)
        case .inspectTrace: return [.countyAdmin, .systemAdmin, .inspector].contains(self)
        case .planDispatch: return self == .countyAdmin || self == .systemAdmin
        case .readDispatch: return [.countyAdmin, .systemAdmin, .auditor, .provinceViewer, .sorter, .contractor].contains(self)
        case .driveRoutes: return self == .driver
        case .handleParcels: return [.sorter, .countyAdmin, .systemAdmin].contains(self)
        case .manageLogistics: return self == .countyAdmin || self == .systemAdmin
        case .readStatistics: return [.countyAdmin, .auditor, .provinceViewer, .systemAdmin, .contractor].contains(self)
        case .editStatistics: return self == .countyAdmin || self == .systemAdmin
        }
    }
}

public enum Permission: Sendable {
    case readCounty, manageUsers, readAudit, importDivisions, manageTokens, seePersonalData
    /// The programme's plan, funds and progress, and the service network's records: the people
    /// who run or oversee the programme and the stations, not the staff of one capability
    /// (sorters, drivers, inspectors, producers), who see their own work only.
    case readProgramme, readNetwork
    /// Import the plan, record disbursements, edit report texts and judged rates.
    case editProgramme
    /// Only county administrators approve disbursements of central funds.
    case approveDisbursements
    /// Auditors and the county verify or return progress reports.
    case verifyProgress
    /// Contractors (for their own tasks) and the county report progress.
    case reportProgress
    /// 农产品与追溯: read producers, catalogue and batches (producers: only their own).
    case readTrace
    /// The county manages producers, the catalogue, standards, brands and recalls.
    case manageTrace
    /// Producers (and the county) record batches, production records and shipments.
    case recordTrace
    /// Inspectors (and the county) record inspection results.
    case inspectTrace
    /// Vehicles, fixed routes, distances, frequencies and (re-)planning a day (线路规划).
    case planDispatch
    /// Reading plans and manifests.
    case readDispatch
    /// The driver's phone page and marks.
    case driveRoutes
    /// Sorters (and the county) take parcels in, scan and sort them, resolve exceptions.
    case handleParcels
    /// The county edits carriers' waybill patterns and the logistics settings.
    case manageLogistics
    /// 统计监测: the dashboards, the wall display, pivots and exports.
    case readStatistics
    /// Enter and import online retail figures, set statistics targets.
    case editStatistics
}

/// The part of the country a user may see: one county, one province or everything.
public enum AccessScope: Sendable, Equatable {
    case county(DivisionCode)
    case province(DivisionCode)
    case everything

    /// Whether a record of `county` lies inside this scope.
    public func contains(county: String?) -> Bool {
        guard let county else { return self == .everything }
        switch self {
        case .everything: return true
        case .county(let c): return c.value == county
        case .province(let p): return county.hasPrefix(p.short)
        }
    }

    /// Whether a division code lies inside this scope.
    public func contains(_ code: DivisionCode) -> Bool {
        switch self {
        case .everything: return true
        case .county(let c): return code.isWithin(c)
        case .province(let p): return code.isWithin(p)
        }
    }
}
