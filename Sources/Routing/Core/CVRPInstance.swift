import Foundation

/// A capacitated VRP instance with integer costs. Node 0 is the depot, nodes 1..<dimension customers.
public struct CVRPInstance: Sendable, Equatable {
    public var name: String
    /// Number of nodes including the depot.
    public var dimension: Int
    public var capacity: Int
    /// Demand per node (index 0 = depot, demand 0).
    public var demands: [Int]
    /// Coordinates per node if the instance has them (used for SWAP* sectors and reporting).
    public var xs: [Double]?
    public var ys: [Double]?
    /// Row-major dimension × dimension integer cost matrix.
    public var distances: [Int32]
    /// Optional upper bound on the number of routes (nil = unlimited).
    public var maxVehicles: Int?
    /// Node number in the source file for each internal index (for reporting only).
    public var fileNodeIDs: [Int]

    public init(name: String, capacity: Int, demands: [Int], distances: [Int32],
                xs: [Double]? = nil, ys: [Double]? = nil, maxVehicles: Int? = nil, fileNodeIDs: [Int]? = nil) {
        self.name = name
        self.dimension = demands.count
        self.capacity = capacity
        self.demands = demands
        self.distances = distances
        self.xs = xs
        self.ys = ys
        self.maxVehicles = maxVehicles
        self.fileNodeIDs = fileNodeIDs ?? Array(1...max(1, demands.count))
    }

    /// Builds an instance from planar coordinates with the CVRPLIB rounding convention
    /// (nearest integer of the euclidean distance).
    public init(name: String, capacity: Int, demands: [Int], xs: [Double], ys: [Double], maxVehicles: Int? = nil) {
        let n = demands.count
        var d = [Int32](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                d[i * n + j] = Int32(CVRPInstance.roundedEuclidean(xs[i], ys[i], xs[j], ys[j]))
            }
        }
        self.init(name: name, capacity: capacity, demands: demands, distances: d, xs: xs, ys: ys,
                  maxVehicles: maxVehicles)
    }

    /// nint(sqrt(dx² + dy²)) — TSPLIB/CVRPLIB EUC_2D.
    @inline(__always)
    public static func roundedEuclidean(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Int {
        let dx = x1 - x2, dy = y1 - y2
        return Int((dx * dx + dy * dy).squareRoot() + 0.5)
    }

    @inline(__always)
    public func distance(_ i: Int, _ j: Int) -> Int { Int(distances[i * dimension + j]) }

    public var customerCount: Int { dimension - 1 }
    public var totalDemand: Int { demands.reduce(0, +) }
    public var isSymmetric: Bool {
        for i in 0..<dimension { for j in (i + 1)..<dimension where distances[i * dimension + j] != distances[j * dimension + i] { return false } }
        return true
    }
}

/// A CVRP solution: routes of customer node indices (1..<dimension), depot implicit at both ends.
public struct CVRPSolution: Sendable, Equatable {
    public var routes: [[Int]]
    public var cost: Int

    public init(routes: [[Int]], cost: Int) {
        self.routes = routes
        self.cost = cost
    }

    /// Recomputes the cost of `routes` on `instance` (no feasibility check; see `CVRPChecker`;
    /// node ids outside 1..<dimension are skipped).
    public static func cost(of routes: [[Int]], in instance: CVRPInstance) -> Int {
        var total = 0
        for r in routes where !r.isEmpty {
            var prev = 0
            for c in r where c > 0 && c < instance.dimension { total += instance.distance(prev, c); prev = c }
            total += instance.distance(prev, 0)
        }
        return total
    }
}
