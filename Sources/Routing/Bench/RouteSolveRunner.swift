import Foundation

/// The logic behind `xiangcun route solve FILE`: detects CVRPLIB (.vrp) or domain JSON, solves,
/// verifies with the independent checker, writes the solution, returns a printable summary.
public enum RouteSolveRunner {
    public struct Options: Sendable {
        public var path: String
        public var seconds: Double = 10
        public var seed: UInt64 = 1
        public var threads: Int = 1
        public var iterations: Int? = nil
        public var outputPath: String? = nil
        public init(path: String) { self.path = path }
    }

    public struct Outcome: Sendable {
        public var cost: Int
        public var feasible: Bool
        public var summary: String
        /// The solution text that was (or would be) written.
        public var solutionText: String
    }

    public static func run(_ o: Options) throws(RoutingError) -> Outcome {
        let lower = o.path.lowercased()
        if lower.hasSuffix(".json") { return try runJSON(o) }
        if lower.hasSuffix(".vrp") || lower.hasSuffix(".txt") { return try runVRP(o) }
        throw RoutingError(.unsupported, field: o.path, "expected a .vrp (CVRPLIB) or .json (domain problem) file")
    }

    static func write(_ text: String, to path: String) throws(RoutingError) {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw RoutingError(.io, field: path, "cannot write: \(error.localizedDescription)")
        }
    }

    static func runVRP(_ o: Options) throws(RoutingError) -> Outcome {
        if let text = try? String(contentsOfFile: o.path, encoding: .utf8), VRPLIB.isRichDialect(text) {
            return try runVRPLIB(o)
        }
        let inst = try CVRPLIB.read(path: o.path)
        var p = HGSParameters()
        p.seed = o.seed
        p.timeLimit = o.iterations == nil ? o.seconds : nil
        p.maxIterations = o.iterations
        let res = ParallelHGS.solve(instance: inst, parameters: p, threads: o.threads)
        let sol: CVRPSolution
        if let found = res.solution { sol = found } else { sol = try bestEffort(inst, seed: o.seed) }
        let report = CVRPChecker.check(sol, on: inst)
        var text = CVRPLIB.formatSolution(sol)
        if let out = o.outputPath, out.lowercased().hasSuffix(".json") {
            let obj: [String: Any] = ["name": inst.name, "cost": sol.cost, "feasible": report.isFeasible, "routes": sol.routes]
            if let data = try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]) {
                text = String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        if let out = o.outputPath { try write(text, to: out) }
        var s = "\(inst.name): cost \(sol.cost), \(sol.routes.count) routes, feasible \(report.isFeasible ? "yes" : "NO")"
        s += String(format: ", %.2f s, %d iterations", res.totalTime, res.iterations)
        if let f = res.timeToFirstFeasible { s += String(format: ", first feasible after %.3f s", f) }
        for v in report.violations { s += "\n  violation: \(v)" }
        return Outcome(cost: sol.cost, feasible: report.isFeasible, summary: s, solutionText: text)
    }

    /// When the genetic search has no feasible solution (a VEHICLES limit the construction could
    /// not meet), the rich engine's best plan is returned instead of an error: its routes, with the
    /// stops it could not place missing (the checker then names them).
    static func bestEffort(_ inst: CVRPInstance, seed: UInt64) throws(RoutingError) -> CVRPSolution {
        let n = inst.dimension
        let matrix = (0..<n).map { i in (0..<n).map { j in inst.distance(i, j) } }
        let problem = RoutingProblem(name: inst.name, depot: .init(),
                                     stops: (1..<n).map { RoutingProblem.Stop(id: "\($0)", delivery: inst.demands[$0]) },
                                     vehicleTypes: [.init(id: "vehicle", capacity: inst.capacity, count: inst.maxVehicles)],
                                     distanceMatrix: matrix)
        let res = try RichSolver(problem: problem, parameters: RichParameters(seed: seed, timeLimit: 1)).solve()
        let routes = res.plan.routes.map { $0.visits.map { $0.stop + 1 } }
        return CVRPSolution(routes: routes, cost: CVRPSolution.cost(of: routes, in: inst))
    }

    /// HFVRP, MDVRPTW and MTVRPTWR files: the rich engine, a `.sol` with one line per vehicle,
    /// checked and costed in the set's convention.
    static func runVRPLIB(_ o: Options) throws(RoutingError) -> Outcome {
        let inst = try VRPLIB.read(path: o.path)
        let p = RichParameters(seed: o.seed, timeLimit: o.iterations == nil ? o.seconds : nil, maxIterations: o.iterations)
        let res = try RoutingEngine.solve(inst.problem, parameters: p, threads: o.threads)
        let sol = VRPLIBSolution(plan: res.plan, instance: inst)
        let report = VRPLIBChecker.check(sol, on: inst)
        let feasible = report.isFeasible && res.plan.unserved.isEmpty
        let text = sol.formatted()
        if let out = o.outputPath { try write(text, to: out) }
        var s = "\(inst.name) (\(inst.type), \(inst.convention.rawValue) convention): cost \(report.cost), \(res.plan.routes.count) routes"
        s += ", unserved \(res.plan.unserved.count), feasible \(feasible ? "yes" : "NO")"
        s += String(format: ", %.2f s, %d iterations", res.totalTime, res.iterations)
        if let f = res.timeToFirstFeasible { s += String(format: ", first feasible after %.3f s", f) }
        for v in report.violations.prefix(20) { s += "\n  violation: \(v)" }
        return Outcome(cost: report.cost, feasible: feasible, summary: s, solutionText: text)
    }

    static func runJSON(_ o: Options) throws(RoutingError) -> Outcome {
        let problem = try ProblemJSON.read(path: o.path)
        var p = RichParameters(seed: o.seed, timeLimit: o.iterations == nil ? o.seconds : nil, maxIterations: o.iterations)
        p.seed = o.seed
        let res = try RoutingEngine.solve(problem, parameters: p, threads: o.threads)
        let report = PlanChecker.check(res.plan, for: problem)
        let text = ProblemJSON.encode(res.plan, problem: problem, report: report)
        if let out = o.outputPath { try write(text + "\n", to: out) }
        var s = "\(problem.name): cost \(res.plan.cost), \(res.plan.routes.count) routes over \(problem.horizon) day(s)"
        s += ", distance \(res.plan.distance) m, unserved \(res.plan.unserved.count), feasible \(report.isFeasible ? "yes" : "NO")"
        s += String(format: ", %.2f s, %d iterations", res.totalTime, res.iterations)
        for v in report.violations.prefix(20) { s += "\n  violation: \(v)" }
        return Outcome(cost: res.plan.cost, feasible: report.isFeasible, summary: s, solutionText: text)
    }
}
