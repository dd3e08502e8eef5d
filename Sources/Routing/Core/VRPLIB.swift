import Foundation

/// How a benchmark set turns its decimal data into integers (as PyVRP's `read(round_func:)`):
/// the set's best-known costs are only comparable in its own convention.
public enum VRPLIBConvention: String, Sendable {
    /// Nearest integer (CVRPLIB X, HFVRP).
    case round
    /// × 1000, nearest integer (MDVRPTW, Vidal et al. 2013).
    case exact
    /// × 10, truncated: one decimal kept (DIMACS challenge; MTVRPTWR).
    case dimacs

    /// Applies the convention to a distance, time or time window value.
    public func scale(_ x: Double) -> Int {
        switch self {
        case .round: Int(x.rounded())
        case .exact: Int((1000 * x).rounded())
        case .dimacs: Int(10 * x)
        }
    }

    /// The convention of a set, from the file's TYPE.
    public static func forType(_ type: String) -> VRPLIBConvention {
        switch type.uppercased() {
        case "MDVRPTW": .exact
        case "MTVRPTWR": .dimacs
        default: .round
        }
    }
}

/// A VRPLIB instance in PyVRP's dialect (HFVRP, MDVRPTW, MTVRPTWR, CVRP): the problem in the
/// set's integer convention, plus what is needed to write and read its `.sol` files.
public struct VRPLIBInstance: Sendable, Equatable {
    public var name: String
    public var type: String
    public var convention: VRPLIBConvention
    /// Depots are nodes 0..<depotCount, stop i is node depotCount + i; node k is file id k + 1,
    /// which is also how `.sol` files number visits.
    public var problem: RoutingProblem
    /// Vehicle type of every vehicle the file lists (route #k of a `.sol` is vehicle k), or
    /// empty when the fleet is unlimited and `.sol` routes are simply numbered.
    public var vehicleTypeOfVehicle: [Int]

    public var depotCount: Int { problem.depots.count }
    /// `.sol` number of stop i.
    public func solutionNumber(ofStop i: Int) -> Int { depotCount + i }
}

/// Reader for VRPLIB files of the HFVRP, MDVRPTW, MTVRPTWR and X sets (EUC_2D).
public enum VRPLIB {
    public static func read(path: String, convention: VRPLIBConvention? = nil) throws(RoutingError) -> VRPLIBInstance {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RoutingError(.io, field: path, "cannot read file: \(error.localizedDescription)")
        }
        let base = (path as NSString).lastPathComponent
        return try parse(text, defaultName: base.hasSuffix(".vrp") ? String(base.dropLast(4)) : base, convention: convention)
    }

    /// True when the text is one of the rich dialects (more than plain CVRPLIB).
    public static func isRichDialect(_ text: String) -> Bool {
        let keys = ["TYPE : HFVRP", "TYPE: HFVRP", "TYPE: MDVRPTW", "TYPE : MDVRPTW", "TYPE: MTVRPTWR", "TYPE : MTVRPTWR",
                    "CAPACITY_SECTION", "VEHICLES_DEPOT_SECTION", "TIME_WINDOW_SECTION", "RELEASE_TIME_SECTION",
                    "VEHICLES_RELOAD_DEPOT_SECTION", "VEHICLES_FIXED_COST_SECTION", "SERVICE_TIME_SECTION", "VEHICLES_MAX_DURATION"]
        return keys.contains { text.contains($0) }
    }

    public static func parse(_ text: String, defaultName: String = "instance", convention: VRPLIBConvention? = nil) throws(RoutingError) -> VRPLIBInstance {
        let raw = try VRPLIBText.parse(text)
        let name = raw.header["NAME"] ?? defaultName
        let type = raw.header["TYPE"] ?? "CVRP"
        let conv = convention ?? VRPLIBConvention.forType(type)
        guard let dimText = raw.header["DIMENSION"], let n = Int(dimText), n >= 2 else {
            throw RoutingError(.missingField, field: "DIMENSION", "expected an integer ≥ 2")
        }
        let weightType = (raw.header["EDGE_WEIGHT_TYPE"] ?? "EUC_2D").uppercased()
        guard weightType == "EUC_2D" else {
            throw RoutingError(.unsupported, field: "EDGE_WEIGHT_TYPE", "only EUC_2D is supported in this dialect, got '\(weightType)'")
        }
        let depotIDs = raw.sections["DEPOT_SECTION"]?.flatMap { $0 }.map { Int($0) }.filter { $0 >= 0 } ?? [1]
        let k = depotIDs.count
        guard k >= 1, depotIDs == Array(1...k) else {
            throw RoutingError(.unsupported, field: "DEPOT_SECTION", "depots must be the first nodes 1...k, got \(depotIDs)")
        }
        let coords = try raw.perNode("NODE_COORD_SECTION", n: n, columns: 2)
        let dist = distances(coords, convention: conv)
        let stops = try readStops(raw, n: n, depots: k, convention: conv)
        let depots = try readDepots(raw, n: n, depots: k, convention: conv)
        let fleet = try VRPLIBFleet.read(raw, depots: k, clients: n - k, convention: conv)
        var problem = RoutingProblem(name: name, depot: depots[0], stops: stops, vehicleTypes: fleet.types,
                                     distanceMatrix: dist, durationMatrix: dist, otherDepots: Array(depots.dropFirst()))
        problem.objective = .init(distanceWeight: 1, durationWeight: 0)
        try RoutingProblemValidator.validate(problem)
        return VRPLIBInstance(name: name, type: type, convention: conv, problem: problem, vehicleTypeOfVehicle: fleet.typeOfVehicle)
    }

    /// Euclidean distances in the set's convention (durations are the same numbers).
    static func distances(_ c: [[Double]], convention: VRPLIBConvention) -> [[Int]] {
        let n = c.count
        var m = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let dx = c[i][0] - c[j][0], dy = c[i][1] - c[j][1]
                m[i][j] = convention.scale((dx * dx + dy * dy).squareRoot())
            }
        }
        return m
    }

    static func readDepots(_ raw: VRPLIBText, n: Int, depots k: Int, convention: VRPLIBConvention) throws(RoutingError) -> [RoutingProblem.Depot] {
        let windows = try raw.optionalPerNode("TIME_WINDOW_SECTION", n: n, columns: 2)
        return (0..<k).map { d in
            let tw = windows.map { RoutingProblem.TimeWindow(convention.scale($0[d][0]), convention.scale($0[d][1])) }
            return RoutingProblem.Depot(id: "depot\(d)", timeWindow: tw)
        }
    }

    static func readStops(_ raw: VRPLIBText, n: Int, depots k: Int, convention: VRPLIBConvention) throws(RoutingError) -> [RoutingProblem.Stop] {
        let demand = try raw.optionalPerNode("DEMAND_SECTION", n: n, columns: 1)
        let service = try raw.optionalPerNode("SERVICE_TIME_SECTION", n: n, columns: 1)
        let windows = try raw.optionalPerNode("TIME_WINDOW_SECTION", n: n, columns: 2)
        let release = try raw.optionalPerNode("RELEASE_TIME_SECTION", n: n, columns: 1)
        let uniformService = try raw.number("SERVICE_TIME")
        var stops: [RoutingProblem.Stop] = []
        for node in k..<n {
            let q = demand?[node][0] ?? 0
            guard q >= 0, q == q.rounded() else {
                throw RoutingError(.invalidField, field: "DEMAND_SECTION", "node \(node + 1): demand \(q) is not a non-negative integer")
            }
            var s = RoutingProblem.Stop(id: "\(node)", delivery: Int(q))
            if let st = service?[node][0] ?? uniformService { s.serviceTime = convention.scale(st) }
            if let w = windows?[node] { s.timeWindow = .init(convention.scale(w[0]), convention.scale(w[1])) }
            if let r = release?[node][0] { s.releaseTime = convention.scale(r) }
            stops.append(s)
        }
        return stops
    }
}
