import Foundation
import XiangcunKit

/// The kinds of facility the programme builds (设施类型). One model, one type column.
public enum FacilityType: String, Sendable, CaseIterable, Codable {
    /// 县级电子商务公共服务中心
    case countyServiceCentre
    /// 县级快递统仓共配中心 / 物流中心
    case coDeliveryCentre
    /// 农产品供应链公共仓储中心（冷链 / 常温）
    case warehouse
    /// 农产品 O2O 体验店
    case o2oStore
    /// 乡镇电商服务站
    case townshipStation
    /// 乡镇物流中转站（物流处理中心）
    case townshipHub
    /// 村级电商服务站（点）
    case villageStation
    /// 乡镇商贸中心
    case commerceCentre
    /// 电商直播间
    case liveRoom
    /// 电商产业园
    case ecommercePark

    public var messageKey: String { "network.type.\(rawValue)" }

    /// The division level whose units this type serves for coverage: villages for village
    /// stations, townships for township-level stations, nothing for county facilities.
    public var servesLevel: DivisionLevel? {
        switch self {
        case .villageStation: return .village
        case .townshipStation, .townshipHub, .commerceCentre: return .township
        default: return nil
        }
    }

    /// Stations file monthly operating records (expected reports).
    public var reportsMonthly: Bool { servesLevel != nil }

    /// Where a facility of this type sits: a village code for village stations, a township
    /// (or, for county facilities, the county or a township) otherwise.
    public func allows(_ level: DivisionLevel) -> Bool {
        switch self {
        case .villageStation: return level == .village
        case .townshipStation, .townshipHub, .commerceCentre: return level == .township
        default: return level == .county || level == .township || level == .village
        }
    }

    /// Colour on the map (by type).
    public var colour: String {
        switch self {
        case .countyServiceCentre: return "#7c3aed"
        case .coDeliveryCentre: return "#b45309"
        case .warehouse: return "#0e7490"
        case .o2oStore: return "#be185d"
        case .townshipStation: return "#1d4ed8"
        case .townshipHub: return "#c2410c"
        case .villageStation: return "#0b6e4f"
        case .commerceCentre: return "#4d7c0f"
        case .liveRoom: return "#db2777"
        case .ecommercePark: return "#475569"
        }
    }

    /// Parses a code or a Chinese / English label (as in ledgers).
    public static func parse(_ text: String) -> FacilityType? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let v = FacilityType(rawValue: t) { return v }
        return allCases.first { Catalogue.text($0.messageKey, .zh) == t || Catalogue.text($0.messageKey, .en).lowercased() == t.lowercased() }
            ?? aliases[t]
    }

    static let aliases: [String: FacilityType] = [
        "县级公共服务中心": .countyServiceCentre, "公共服务中心": .countyServiceCentre,
        "共配中心": .coDeliveryCentre, "统仓共配中心": .coDeliveryCentre, "物流中心": .coDeliveryCentre,
        "仓储中心": .warehouse, "冷链仓": .warehouse, "O2O体验店": .o2oStore, "体验店": .o2oStore,
        "乡镇服务站": .townshipStation, "乡镇物流中转站": .townshipHub, "乡镇物流处理中心": .townshipHub, "中转站": .townshipHub,
        "村级服务站": .villageStation, "村级服务点": .villageStation, "村级综合服务站": .villageStation, "服务点": .villageStation,
        "商贸中心": .commerceCentre, "直播间": .liveRoom, "产业园": .ecommercePark, "电商园": .ecommercePark,
    ]
}

/// The life of a facility (状态). The history is kept so coverage at a past date is reproducible.
public enum FacilityStatus: String, Sendable, CaseIterable, Codable {
    case planned, underConstruction, operating, suspended, closed

    public var messageKey: String { "network.status.\(rawValue)" }

    /// Map colour by status (outline).
    public var colour: String {
        switch self {
        case .planned: return "#94a3b8"
        case .underConstruction: return "#f59e0b"
        case .operating: return "#16a34a"
        case .suspended: return "#dc2626"
        case .closed: return "#1f2933"
        }
    }

    public static func parse(_ text: String) -> FacilityStatus? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let v = FacilityStatus(rawValue: t) { return v }
        return allCases.first { Catalogue.text($0.messageKey, .zh) == t || Catalogue.text($0.messageKey, .en).lowercased() == t.lowercased() }
            ?? ["规划": .planned, "在建": .underConstruction, "运营": .operating, "运营中": .operating, "正常运营": .operating,
                "暂停": .suspended, "关闭": .closed, "已撤销": .closed][t]
    }
}

/// Storage kinds of a supply-chain warehouse.
public enum StorageKind: String, Sendable, CaseIterable, Codable {
    case cold, ambient, both
    public var messageKey: String { "network.storage.\(rawValue)" }
}

/// The default service catalogue (服务项目). Counties add their own services on top.
public enum DefaultService: String, Sendable, CaseIterable {
    case parcels, pickup, buyOnBehalf, sellOnBehalf, billPayment, ticketing, cashWithdrawal, information, jobReferral, government

    public var messageKey: String { "network.service.\(rawValue)" }
}
