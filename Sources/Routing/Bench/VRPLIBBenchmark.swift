import Foundation

/// The `xiangcun bench routing --set NAME` logic: solve every instance of a VRPLIB set (HFVRP,
/// MDVRPTW, MTVRPTWR, X-large), check each solution with the independent checker and compare it
/// with the set's best-known solution, recomputed in the set's convention (some `.sol` files
/// print their Cost line in another scale).
public enum VRPLIBBenchmark {
    public static let sets = ["HFVRP", "MDVRPTW", "MTVRPTWR", "X-large"]

    public struct Options: Sendable {
        public var directory: String
        public var seconds: Double = 10
        public var seed: UInt64 = 1
        public var limit: Int? = nil
        public var filter: String? = nil
        /// Folder to write each solution as NAME.sol (for cross-checks with other tools).
        public var solutionDirectory: String? = nil
        /// Count the time limit and every reported time in CPU seconds of this process (as
        /// HGS-CVRP does) instead of wall-clock seconds: fair numbers on a loaded machine.
        public var cpuTime = false
        /// HGS settings for the plain CVRP sets (seed and time limit are taken from above).
        public var hgs = HGSParameters()
        public init(directory: String) { self.directory = directory }
    }

    public struct Row: Sendable {
        public var name: String
        public var n: Int
        public var bks: Int?
        public var cost: Int
        public var gapPercent: Double?
        public var timeToFirstFeasible: Double?
        /// Seconds until the search first came within 1 % of the best-known cost (nil: not reached).
        public var timeToOnePercent: Double?
        public var totalTime: Double
        public var iterations: Int
        public var feasible: Bool
    }

    /// Instance files of a folder, smallest first (by the number of nodes in the name or file).
    public static func instanceFiles(directory: String) throws(RoutingError) -> [String] {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw RoutingError(.io, field: directory, "cannot list directory: \(error.localizedDescription)")
        }
        return files.filter { $0.hasSuffix(".vrp") }.sorted { a, b in
            let na = sizeHint(a), nb = sizeHint(b)
            return na != nb ? na < nb : a < b
        }
    }

    /// X-n411-k19 → 411, X101-FSMFD → 101, PR11A / C201R0.25 → 0 (then by name).
    static func sizeHint(_ name: String) -> Int {
        let digits = name.drop { !$0.isNumber }.prefix { $0.isNumber }
        return name.hasPrefix("X") ? Int(digits) ?? 0 : 0
    }

    public static func solve(_ inst: VRPLIBInstance, path: String, seconds: Double, seed: UInt64,
                             hgs: HGSParameters = HGSParameters(), cpuTime: Bool = false) throws(RoutingError)
        -> (VRPLIBSolution, iterations: Int, firstFeasible: Double?, total: Double, unserved: Int, trace: [ImprovementPoint]) {
        if RoutingEngine.isPlainCVRP(inst.problem) {
            // X instances: the HGS core with coordinates (SWAP* sectors), as `route solve` does.
            let cvrp = try CVRPLIB.read(path: path)
            var p = hgs
            p.seed = seed
            p.timeLimit = seconds
            p.measureCPUTime = cpuTime
            let res = HGSSolver(instance: cvrp, parameters: p).solve()
            let routes = res.solution?.routes.filter { !$0.isEmpty } ?? []
            return (VRPLIBSolution(routes: routes, reportedCost: res.solution.map { String($0.cost) }), res.iterations,
                    res.timeToFirstFeasible, res.totalTime, res.solution == nil ? inst.problem.stops.count : 0, res.trace)
        }
        var rp = RichParameters(seed: seed, timeLimit: seconds)
        rp.measureCPUTime = cpuTime
        let res = try RoutingEngine.solve(inst.problem, parameters: rp)
        return (VRPLIBSolution(plan: res.plan, instance: inst), res.iterations, res.timeToFirstFeasible, res.totalTime,
                res.plan.unserved.count, res.trace)
    }

    public static func run(_ o: Options, output: (String) -> Void) throws(RoutingError) -> [Row] {
        var files = try instanceFiles(directory: o.directory)
        if let f = o.filter { files = files.filter { $0.contains(f) } }
        if let k = o.limit { files = Array(files.prefix(k)) }
        output(header())
        var rows: [Row] = []
        for file in files {
            let path = (o.directory as NSString).appendingPathComponent(file)
            let inst = try VRPLIB.read(path: path)
            let bksPath = String(path.dropLast(4)) + ".sol"
            let bks = (try? VRPLIBSolution.read(path: bksPath)).map { VRPLIBChecker.check($0, on: inst) }
            let (sol, iterations, first, total, unserved, trace) = try solve(inst, path: path, seconds: o.seconds, seed: o.seed, hgs: o.hgs, cpuTime: o.cpuTime)
            let report = VRPLIBChecker.check(sol, on: inst)
            if let dir = o.solutionDirectory {
                var out = sol
                out.reportedCost = String(report.cost)
                try RouteSolveRunner.write(out.formatted(), to: (dir as NSString).appendingPathComponent(String(file.dropLast(4)) + ".sol"))
            }
            let b = bks.flatMap { $0.isFeasible ? $0.cost : nil }
            let row = Row(name: String(file.dropLast(4)), n: inst.problem.stops.count, bks: b, cost: report.cost,
                          gapPercent: b.map { Double(report.cost - $0) / Double(max(1, $0)) * 100 },
                          timeToFirstFeasible: first, timeToOnePercent: b.flatMap { trace.timeToWithin(1, of: $0) },
                          totalTime: total, iterations: iterations,
                          feasible: report.isFeasible && unserved == 0)
            rows.append(row)
            output(format(row))
        }
        output(summary(rows))
        return rows
    }

    public static func header() -> String {
        CVRPBenchmark.pad("instance", 14) + CVRPBenchmark.lpad("n", 5) + CVRPBenchmark.lpad("BKS", 11) + CVRPBenchmark.lpad("cost", 11)
            + CVRPBenchmark.lpad("gap %", 8) + CVRPBenchmark.lpad("t_feas s", 10) + CVRPBenchmark.lpad("t_1% s", 8)
            + CVRPBenchmark.lpad("total s", 9)
            + CVRPBenchmark.lpad("iters", 8) + "  feasible"
    }

    public static func format(_ r: Row) -> String {
        CVRPBenchmark.pad(r.name, 14) + CVRPBenchmark.lpad("\(r.n)", 5) + CVRPBenchmark.lpad(r.bks.map(String.init) ?? "-", 11)
            + CVRPBenchmark.lpad("\(r.cost)", 11) + CVRPBenchmark.lpad(r.gapPercent.map { String(format: "%.2f", $0) } ?? "-", 8)
            + CVRPBenchmark.lpad(r.timeToFirstFeasible.map { String(format: "%.3f", $0) } ?? "-", 10)
            + CVRPBenchmark.lpad(r.timeToOnePercent.map { String(format: "%.2f", $0) } ?? "-", 8)
            + CVRPBenchmark.lpad(String(format: "%.2f", r.totalTime), 9) + CVRPBenchmark.lpad("\(r.iterations)", 8)
            + "  " + (r.feasible ? "yes" : "NO")
    }

    public static func summary(_ rows: [Row]) -> String {
        let gaps = rows.compactMap(\.gapPercent)
        var s = "instances: \(rows.count), all feasible: \(rows.allSatisfy(\.feasible) ? "yes" : "NO")\n"
        if !gaps.isEmpty { s += String(format: "average gap: %.3f %%\n", gaps.reduce(0, +) / Double(gaps.count)) }
        let feas = rows.compactMap(\.timeToFirstFeasible)
        if !feas.isEmpty {
            s += String(format: "time to first feasible: avg %.3f s, max %.3f s\n", feas.reduce(0, +) / Double(feas.count), feas.max() ?? 0)
        }
        let reached = rows.compactMap(\.timeToOnePercent)
        if !rows.isEmpty {
            s += "within 1 % of the best-known cost: \(reached.count) of \(rows.count)"
            if !reached.isEmpty { s += String(format: ", avg %.2f s over those", reached.reduce(0, +) / Double(reached.count)) }
            s += "\n"
        }
        return s
    }
}
