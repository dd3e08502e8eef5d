import Foundation

/// Pages of the county co-delivery logistics system (物流配送); see docs/logistics.md.
public enum LogisticsURL: Sendable, Equatable {
    case scan
    case parcels
    case parcel(UUID)
    /// The pick-up photo of a parcel (staff only).
    case parcelPhoto(UUID)
    case exceptions
    case exceptionResolve(UUID)
    case station
    case stationPickUp
    case stationCollect
    case carriers
    case carrier(UUID)
    case settings
    case manifest
    case stats
    case statsExport(String)
    case script
    case tracking(String)

    var path: String {
        switch self {
        case .scan: return "/logistics/scan"
        case .parcels: return "/logistics/parcels"
        case .parcel(let id): return "/logistics/parcels/\(id.uuidString)"
        case .parcelPhoto(let id): return "/logistics/parcels/\(id.uuidString)/photo"
        case .exceptions: return "/logistics/exceptions"
        case .exceptionResolve(let id): return "/logistics/exceptions/\(id.uuidString)"
        case .station: return "/logistics/station"
        case .stationPickUp: return "/logistics/station/pickup"
        case .stationCollect: return "/logistics/station/collect"
        case .carriers: return "/logistics/carriers"
        case .carrier(let id): return "/logistics/carriers/\(id.uuidString)"
        case .settings: return "/logistics/settings"
        case .manifest: return "/logistics/manifest"
        case .stats: return "/logistics/stats"
        case .statsExport(let format): return "/logistics/stats.\(format)"
        case .script: return "/assets/logistics-scan.js"
        case .tracking(let county): return "/public/\(county)/tracking"
        }
    }

    static let all: [LogisticsURL] = [
        .scan, .parcels, .parcel(Placeholder.id), .parcelPhoto(Placeholder.id), .exceptions, .exceptionResolve(Placeholder.id), .station, .stationPickUp, .stationCollect,
        .carriers, .carrier(Placeholder.id), .settings, .manifest, .stats, .statsExport("xlsx"), .statsExport("csv"), .script, .tracking(":county"),
    ]
}

/// The logistics JSON API under /api/v1/logistics.
public enum LogisticsAPIURL: Sendable, Equatable {
    case parcels
    case scans
    case loads
    case stats

    var path: String {
        switch self {
        case .parcels: return APIURL.base + "/logistics/parcels"
        case .scans: return APIURL.base + "/logistics/scans"
        case .loads: return APIURL.base + "/logistics/loads"
        case .stats: return APIURL.base + "/logistics/stats"
        }
    }

    static let all: [LogisticsAPIURL] = [.parcels, .scans, .loads, .stats]
}
