/// A constraint violation found by the independent checker.
public enum Violation: Sendable, Equatable, CustomStringConvertible {
    /// A node id that does not exist (or the depot inside a route).
    case unknownStop(String)
    /// A stop not visited (or not visited the required number of times / on its pattern days).
    case missingStop(String)
    /// A stop visited more than once on the same day, or more often than its frequency.
    case duplicateStop(String)
    /// Load above capacity at some point of a route.
    case capacity(route: String, load: Int, capacity: Int)
    /// Route duration (or length) above the maximum.
    case duration(route: String, duration: Int, maximum: Int)
    /// Arrival after the end of a stop's (or the depot's) time window.
    case timeWindow(route: String, stop: String, arrival: Int, latest: Int)
    /// More routes than vehicles (per type and day).
    case fleetSize(detail: String)
    /// A stop's visit days are not one of its allowed patterns.
    case pattern(stop: String, days: [Int])
    /// The reported cost differs from the recomputed one.
    case costMismatch(reported: Int, actual: Int)
    /// A trip leaves the depot before the parcels of one of its stops are released.
    case release(route: String, stop: String, departure: Int, release: Int)
    /// A return to the depot to reload on a vehicle that cannot, or at another depot than its own.
    case reload(route: String, detail: String)

    public var kind: String {
        switch self {
        case .unknownStop: "unknownStop"
        case .missingStop: "missingStop"
        case .duplicateStop: "duplicateStop"
        case .capacity: "capacity"
        case .duration: "duration"
        case .timeWindow: "timeWindow"
        case .fleetSize: "fleetSize"
        case .pattern: "pattern"
        case .costMismatch: "costMismatch"
        case .release: "release"
        case .reload: "reload"
        }
    }

    public var description: String {
        switch self {
        case .unknownStop(let s): "unknown stop \(s)"
        case .missingStop(let s): "stop \(s) not served as required"
        case .duplicateStop(let s): "stop \(s) served too often"
        case let .capacity(r, l, c): "route \(r): load \(l) exceeds capacity \(c)"
        case let .duration(r, d, m): "route \(r): duration \(d) exceeds maximum \(m)"
        case let .timeWindow(r, s, a, l): "route \(r): arrival \(a) at \(s) after latest \(l)"
        case .fleetSize(let d): "fleet size exceeded: \(d)"
        case let .pattern(s, days): "stop \(s): visit days \(days) are not an allowed pattern"
        case let .costMismatch(r, a): "reported cost \(r) but recomputed \(a)"
        case let .release(r, s, d, rel): "route \(r): trip with \(s) leaves the depot at \(d), before its release at \(rel)"
        case let .reload(r, d): "route \(r): \(d)"
        }
    }
}

/// Outcome of a feasibility check.
public struct CheckReport: Sendable, Equatable {
    public var cost: Int
    public var violations: [Violation]
    public var isFeasible: Bool { violations.isEmpty }
}
