import Foundation

/// Road distances between places (路网距离): the county's imported matrix where it has a
/// value (e.g. from its own OSRM), else the great-circle distance × a road factor.
public struct DistanceTable: Sendable, Equatable {
    public struct Pair: Hashable, Sendable {
        public var from: UUID
        public var to: UUID
        public init(_ from: UUID, _ to: UUID) { self.from = from; self.to = to }
    }

    /// 道路系数: road length / straight-line length; mountain counties run 1.3–1.6.
    public var roadFactor: Double
    /// Imported distances in metres (directed: from → to).
    public var imported: [Pair: Int]

    public static let defaultRoadFactor = 1.4

    public init(roadFactor: Double = DistanceTable.defaultRoadFactor, imported: [Pair: Int] = [:]) {
        self.roadFactor = roadFactor; self.imported = imported
    }

    /// Metres from `a` to `b`; nil when neither an imported value nor both coordinates exist.
    public func metres(_ a: DispatchPlace, _ b: DispatchPlace) -> Int? {
        if a.id == b.id { return 0 }
        if let m = imported[Pair(a.id, b.id)] { return m }
        guard let p = a.location, let q = b.location else { return nil }
        return Int((Self.haversineKm(p, q) * roadFactor * 1000).rounded())
    }

    /// Great-circle distance in kilometres (mean earth radius 6371 km).
    public static func haversineKm(_ p: GeoPoint, _ q: GeoPoint) -> Double {
        let r = 6371.0
        let dLat = (q.latitude - p.latitude) * .pi / 180
        let dLon = (q.longitude - p.longitude) * .pi / 180
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(p.latitude * .pi / 180) * cos(q.latitude * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(a)))
    }

    /// A square matrix over `places` (row/column i = places[i]); throws naming the first place
    /// that has neither coordinates nor imported distances.
    func matrix(_ places: [DispatchPlace]) throws(DispatchError) -> [[Int]] {
        var rows: [[Int]] = []
        for a in places {
            var row: [Int] = []
            for b in places {
                guard let m = metres(a, b) else { throw DispatchError.noDistance(a.location == nil ? a.name : b.name) }
                row.append(m)
            }
            rows.append(row)
        }
        return rows
    }
}

/// Why a plan cannot be made; each case names the place or vehicle concerned.
public enum DispatchError: Error, Sendable, Equatable {
    /// A place has no coordinates and no imported distances.
    case noDistance(String)
    /// A hub has villages to serve but no vehicle based there.
    case noVehicle(String)
    /// One visit's load is larger than every vehicle that could carry it.
    case tooLarge(String)
    /// No centre (co-delivery centre) in the network.
    case noCentre
    /// Anything else the engine refused, with its message.
    case engine(String)

    /// Catalogue key and argument for pages and the CLI.
    public var messageKey: String {
        switch self {
        case .noDistance: return "dispatch.error.noDistance"
        case .noVehicle: return "dispatch.error.noVehicle"
        case .tooLarge: return "dispatch.error.tooLarge"
        case .noCentre: return "dispatch.error.noCentre"
        case .engine: return "dispatch.error.engine"
        }
    }

    public var argument: String {
        switch self {
        case .noDistance(let s), .noVehicle(let s), .tooLarge(let s), .engine(let s): return s
        case .noCentre: return ""
        }
    }
}
