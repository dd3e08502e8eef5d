// Development benchmark harness for the Routing module (see run-dev.sh). Modes:
//   routing-bench SECONDS [LIMIT [FILTER]]   CVRPLIB benchmark (env HGS_MU, HGS_LAMBDA, HGS_GRAN, HGS_SWAPSTAR, HGS_SEED)
//   routing-bench variants SECONDS [LIMIT [INDEX]]
//   routing-bench iters FILE.vrp ITERATIONS [SWAPSTAR 0|1]
//   routing-bench solve FILE.vrp|FILE.json [SECONDS [OUT]]   (what `xiangcun route solve` does)
//   routing-bench rich FILE.vrp SECONDS        (rich engine on a CVRP; env T0, TF, ITERS, SEED)
import Routing
import Foundation
let args = CommandLine.arguments
if args.count > 1 && args[1] == "variants" {
    let secs = Double(args.count > 2 ? args[2] : "5") ?? 5
    let limit = args.count > 3 ? Int(args[3]) : nil
    let only = args.count > 4 ? Int(args[4]) : nil
    let cfgs = only.map { [CountyGenerator.benchmarkSet[$0]] } ?? CountyGenerator.benchmarkSet
    let env = ProcessInfo.processInfo.environment
    var tp = RichParameters()
    if let v = env["T0"].flatMap(Double.init) { tp.initialTemperature = v }
    if let v = env["TF"].flatMap(Double.init) { tp.finalTemperature = v }
    if let v = env["REMOVED"].flatMap(Int.init) { tp.averageRemoved = v }
    _ = try VariantBenchmark.run(seconds: secs, seed: 1, limit: limit, configs: cfgs,
                                 maxIterations: env["ITERS"].flatMap(Int.init), template: tp) { print($0); fflush(nil) }
    exit(0)
}
if args.count > 1 && args[1] == "rich" {
    let inst = try CVRPLIB.read(path: args[2])
    let n = inst.dimension
    let m = (0..<n).map { i in (0..<n).map { j in inst.distance(i, j) } }
    let p = RoutingProblem(name: inst.name, depot: .init(),
        stops: (1..<n).map { RoutingProblem.Stop(id: "c\($0)", delivery: inst.demands[$0]) },
        vehicleTypes: [.init(id: "v", capacity: inst.capacity, fixedCost: 0)], distanceMatrix: m)
    var rp = RichParameters(seed: 1, timeLimit: Double(args[3]) ?? 10)
    let env = ProcessInfo.processInfo.environment
    if let v = env["T0"].flatMap(Double.init) { rp.initialTemperature = v }
    if let v = env["TF"].flatMap(Double.init) { rp.finalTemperature = v }
    if let v = env["ITERS"].flatMap(Int.init) { rp.maxIterations = v; rp.timeLimit = nil }
    if let v = env["SEED"].flatMap(UInt64.init) { rp.seed = v }
    let r = try RichSolver(problem: p, parameters: rp).solve()
    print(inst.name, r.plan.cost, r.iterations, PlanChecker.check(r.plan, for: p).isFeasible)
    exit(0)
}
if args.count > 2 && args[1] == "solve" {
    var o = RouteSolveRunner.Options(path: args[2])
    o.seconds = Double(args.count > 3 ? args[3] : "2") ?? 2
    if args.count > 4 { o.outputPath = args[4] }
    let out = try RouteSolveRunner.run(o)
    print(out.summary)
    exit(0)
}
if args.count > 1 && args[1] == "iters" {
    let inst = try CVRPLIB.read(path: args[2])
    var p = HGSParameters(seed: 1, timeLimit: nil, maxIterations: Int(args[3]) ?? 200)
    if args.count > 4 { p.useSwapStar = args[4] == "1" }
    let env = ProcessInfo.processInfo.environment
    if let v = env["HGS_MU"].flatMap(Int.init) { p.mu = v }
    if let v = env["HGS_LAMBDA"].flatMap(Int.init) { p.lambda = v }
    if let v = env["HGS_GRAN"].flatMap(Int.init) { p.granularity = v }
    let r = HGSSolver(instance: inst, parameters: p).solve()
    print(inst.name, r.solution?.cost ?? -1, r.iterations, String(format: "%.2f", r.totalTime))
    exit(0)
}
var o = CVRPBenchmark.Options(directory: ProcessInfo.processInfo.environment["ROUTING_INSTANCES"] ?? "/work/shared/data/cvrp")
o.seconds = Double(args.count > 1 ? args[1] : "5") ?? 5
if args.count > 2, let l = Int(args[2]) { o.limit = l }
if args.count > 3 { o.filter = args[3] }
let env = ProcessInfo.processInfo.environment
if let v = env["HGS_MU"].flatMap(Int.init) { o.parameters.mu = v }
if let v = env["HGS_LAMBDA"].flatMap(Int.init) { o.parameters.lambda = v }
if let v = env["HGS_GRAN"].flatMap(Int.init) { o.parameters.granularity = v }
if let v = env["HGS_SWAPSTAR"] { o.parameters.useSwapStar = v == "1" }
if let v = env["HGS_SEED"].flatMap(UInt64.init) { o.seed = v }
_ = try CVRPBenchmark.run(o) { print($0); fflush(nil) }
