import Foundation

/// The statistics pages (统计监测); the dashboard itself is `SiteURL.section(.statistics)`.
public enum StatisticsURL: Sendable, Equatable {
    /// 网络零售 — the months with growth, the entry form's link, the import.
    case retail
    /// GET the month's form (`?month=`), POST to save it.
    case retailMonth
    case retailMonthDelete
    /// A month's shop rows (`?month=&page=`).
    case retailShops
    case retailShopDelete(UUID)
    case retailImport
    case retailTemplate
    /// POST a target (year, indicator, value).
    case targets
    /// 全省 — every county of the province side by side.
    case province
    /// 大屏 — the wall display and its stylesheet.
    case wall
    case wallStyle
    /// 透视 — indicator × month × county, and its export (`xlsx`, `csv`).
    case pivot
    case pivotExport(String)

    public var path: String {
        let base = "/statistics"
        switch self {
        case .retail: return base + "/retail"
        case .retailMonth: return base + "/retail/month"
        case .retailMonthDelete: return base + "/retail/month/delete"
        case .retailShops: return base + "/retail/shops"
        case .retailShopDelete(let id): return base + "/retail/shops/\(id.uuidString)/delete"
        case .retailImport: return base + "/retail/import"
        case .retailTemplate: return base + "/retail/template.xlsx"
        case .targets: return base + "/targets"
        case .province: return base + "/province"
        case .wall: return base + "/wall"
        case .wallStyle: return base + "/wall.css"
        case .pivot: return base + "/pivot"
        case .pivotExport(let format): return base + "/pivot.\(format)"
        }
    }

    static let all: [StatisticsURL] = [
        .retail, .retailMonth, .retailMonthDelete, .retailShops, .retailShopDelete(Placeholder.id), .retailImport, .retailTemplate,
        .targets, .province, .wall, .wallStyle, .pivot, .pivotExport("xlsx"), .pivotExport("csv"),
    ]
}
