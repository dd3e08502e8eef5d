import Foundation

/// Pages of dispatch (线路规划), under /routing. `SiteURL.dispatch` wraps them.
public enum DispatchURL: Sendable, Equatable {
    /// Re-plan a day (POST, field `day`).
    case replan
    case plan(UUID)
    case manifests(UUID)
    case manifestsCSV(UUID)
    case vehicles
    case fixedRoutes
    case fixedRoutesImport
    case settings
    case distancesImport
    case frequencies
    case frequency(UUID)
    case driver
    case driverMarks
    case stylesheet
    case driverScript

    public var path: String {
        switch self {
        case .replan: return "/routing/plans"
        case .plan(let id): return "/routing/plans/\(id.uuidString)"
        case .manifests(let id): return "/routing/plans/\(id.uuidString)/manifests"
        case .manifestsCSV(let id): return "/routing/plans/\(id.uuidString)/manifests.csv"
        case .vehicles: return "/routing/vehicles"
        case .fixedRoutes: return "/routing/fixed-routes"
        case .fixedRoutesImport: return "/routing/fixed-routes/import"
        case .settings: return "/routing/settings"
        case .distancesImport: return "/routing/settings/distances"
        case .frequencies: return "/routing/frequencies"
        case .frequency(let id): return "/routing/frequencies/\(id.uuidString)"
        case .driver: return "/routing/driver"
        case .driverMarks: return "/routing/driver/marks"
        case .stylesheet: return "/routing/dispatch.css"
        case .driverScript: return "/routing/driver.js"
        }
    }

    static let all: [DispatchURL] = [
        .replan, .plan(Placeholder.id), .manifests(Placeholder.id), .manifestsCSV(Placeholder.id), .vehicles, .fixedRoutes, .fixedRoutesImport,
        .settings, .distancesImport, .frequencies, .frequency(Placeholder.id), .driver, .driverMarks, .stylesheet, .driverScript,
    ]
}

/// JSON API of dispatch under /api/v1/dispatch. `APIURL.dispatch` wraps them.
public enum DispatchAPIURL: Sendable, Equatable {
    /// The plan of a day (`?day=`, default today).
    case plans
    case plan(UUID)
    /// The signed-in driver's stops today.
    case driverStops
    /// Driver marks, idempotent by mark id.
    case marks

    public var path: String {
        switch self {
        case .plans: return APIURL.base + "/dispatch/plans"
        case .plan(let id): return APIURL.base + "/dispatch/plans/\(id.uuidString)"
        case .driverStops: return APIURL.base + "/dispatch/driver/stops"
        case .marks: return APIURL.base + "/dispatch/marks"
        }
    }

    static let all: [DispatchAPIURL] = [.plans, .plan(Placeholder.id), .driverStops, .marks]
}
