import Foundation

/// JSON API of 统计监测 under /api/v1/statistics (described in openapi.json).
public enum StatisticsAPIURL: Sendable, Equatable {
    /// The county in view: every indicator with its target.
    case county
    /// Every county of the viewer's province side by side.
    case province
    /// Monthly online retail figures with growth (`from`, `to`: yyyy-mm).
    case retail

    public var path: String {
        switch self {
        case .county: return APIURL.base + "/statistics"
        case .province: return APIURL.base + "/statistics/province"
        case .retail: return APIURL.base + "/statistics/retail"
        }
    }

    static let all: [StatisticsAPIURL] = [.county, .province, .retail]
}
