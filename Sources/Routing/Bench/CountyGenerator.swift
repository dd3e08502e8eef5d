import Foundation

/// Reproducible county-like instances: one county depot, 20 township hubs, villages clustered
/// around the hubs, deliveries (parcels, farm inputs) and pick-ups (produce), opening hours,
/// a driver shift limit, and periodic service levels over a 6-day week.
public enum CountyGenerator {
    public struct Config: Sendable {
        public var villages: Int
        public var hubs = 20
        public var seed: UInt64
        /// 6 = Monday–Saturday with periodic SLAs; 1 = single day, every stop once.
        public var horizon = 6
        public var name: String
        public init(villages: Int, seed: UInt64, horizon: Int = 6, name: String? = nil) {
            self.villages = villages
            self.seed = seed
            self.horizon = horizon
            self.name = name ?? "county-\(villages)\(horizon == 1 ? "-1day" : "")"
        }
    }

    public static func make(_ c: Config) -> RoutingProblem {
        var rng = RandomSource(seed: c.seed)
        let depot = RoutingProblem.Location(latitude: 27.50, longitude: 110.00)
        // ~1 km ≈ 0.009° latitude; at 27.5° N ~0.0101° longitude
        // coordinates rounded to 6 decimals (≈ 0.1 m) so they survive a JSON round trip exactly
        func r6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
        func offset(_ from: RoutingProblem.Location, km: Double, angle: Double) -> RoutingProblem.Location {
            .init(latitude: r6(from.latitude + km * cos(angle) * 0.009), longitude: r6(from.longitude + km * sin(angle) * 0.0101))
        }
        var hubs: [RoutingProblem.Location] = []
        for _ in 0..<c.hubs {
            hubs.append(offset(depot, km: 6 + 28 * rng.unit().squareRoot(), angle: 2 * .pi * rng.unit()))
        }
        var stops: [RoutingProblem.Stop] = []
        let everyDay = c.horizon > 1 ? Array(1...c.horizon) : [1]
        for (h, loc) in hubs.enumerated() {
            var s = RoutingProblem.Stop(id: String(format: "hub%02d", h + 1), location: loc,
                                        delivery: 8 + rng.int(below: 12), pickup: 5 + rng.int(below: 10),
                                        serviceTime: 900, timeWindow: .init(7 * 3600 + 1800, 18 * 3600))
            if c.horizon > 1 { s.frequency = c.horizon; s.patterns = [everyDay] }
            stops.append(s)
        }
        for v in 0..<c.villages {
            let hub = hubs[rng.int(below: hubs.count)]
            let loc = offset(hub, km: 7 * rng.unit().squareRoot(), angle: 2 * .pi * rng.unit())
            var s = RoutingProblem.Stop(id: String(format: "v%04d", v + 1), location: loc,
                                        delivery: 1 + rng.int(below: 6), pickup: rng.int(below: 9),
                                        serviceTime: 180 + 60 * rng.int(below: 6))
            let tw = rng.unit()
            if tw < 0.2 { s.timeWindow = .init(8 * 3600, 12 * 3600) } else if tw < 0.35 { s.timeWindow = .init(13 * 3600 + 1800, 18 * 3600) } else {
                s.timeWindow = .init(8 * 3600, 18 * 3600)
            }
            if c.horizon == 6 {
                let sla = rng.unit()
                if sla < 0.5 {  // every 2 days
                    s.frequency = 3; s.patterns = [[1, 3, 5], [2, 4, 6]]
                } else if sla < 0.8 {  // 3 times a week on allowed combinations
                    s.frequency = 3; s.patterns = [[1, 3, 5], [2, 4, 6], [1, 3, 6], [1, 4, 6]]
                } else {  // twice a week, at least 3 days apart (default patterns)
                    s.frequency = 2
                }
            }
            stops.append(s)
        }
        let perDay = c.horizon == 6 ? Double(c.villages) * 2.8 / 6 + 20 : Double(c.villages + 20)
        let vans = Int(perDay / 25) + 2
        let trucks = Int(perDay / 80) + 1
        return RoutingProblem(
            name: c.name,
            depot: .init(id: "county-depot", location: depot, timeWindow: .init(6 * 3600, 20 * 3600)),
            stops: stops,
            vehicleTypes: [
                .init(id: "van", capacity: 100, count: vans, fixedCost: 20_000, maxDuration: 9 * 3600),
                .init(id: "truck", capacity: 220, count: trucks, fixedCost: 45_000, maxDuration: 9 * 3600),
            ],
            horizon: c.horizon, objective: .init(distanceWeight: 1, durationWeight: 0),
            circuity: 1.35, speedKmh: 35)
    }

    /// The benchmark set used by `xiangcun bench routing --variants`.
    public static let benchmarkSet: [Config] = [
        Config(villages: 200, seed: 11),
        Config(villages: 400, seed: 12),
        Config(villages: 800, seed: 13),
        Config(villages: 400, seed: 14, horizon: 1),
    ]
}

public struct VariantBenchmarkRow: Sendable {
    public var name: String
    public var stops: Int
    public var visits: Int
    public var baselineCost: Int
    public var baselineUnserved: Int
    public var baselineFeasible: Bool
    public var cost: Int
    public var unserved: Int
    public var feasible: Bool
    public var routes: Int
    public var timeToFirstFeasible: Double?
    public var totalTime: Double
    public var iterations: Int
    public var ratio: Double { baselineCost > 0 ? Double(cost) / Double(baselineCost) : 0 }
}

public enum VariantBenchmark {
    public static func header() -> String {
        CVRPBenchmark.pad("instance", 16) + CVRPBenchmark.lpad("stops", 6) + CVRPBenchmark.lpad("visits", 7)
            + CVRPBenchmark.lpad("baseline", 11) + CVRPBenchmark.lpad("b.unsrv", 8)
            + CVRPBenchmark.lpad("cost", 11) + CVRPBenchmark.lpad("unsrv", 6) + CVRPBenchmark.lpad("routes", 7)
            + CVRPBenchmark.lpad("ratio", 7) + CVRPBenchmark.lpad("t_feas s", 9) + CVRPBenchmark.lpad("total s", 8)
            + CVRPBenchmark.lpad("iters", 8) + "  feasible(b/s)"
    }

    public static func format(_ r: VariantBenchmarkRow) -> String {
        CVRPBenchmark.pad(r.name, 16) + CVRPBenchmark.lpad("\(r.stops)", 6) + CVRPBenchmark.lpad("\(r.visits)", 7)
            + CVRPBenchmark.lpad("\(r.baselineCost)", 11) + CVRPBenchmark.lpad("\(r.baselineUnserved)", 8)
            + CVRPBenchmark.lpad("\(r.cost)", 11) + CVRPBenchmark.lpad("\(r.unserved)", 6) + CVRPBenchmark.lpad("\(r.routes)", 7)
            + CVRPBenchmark.lpad(String(format: "%.3f", r.ratio), 7)
            + CVRPBenchmark.lpad(r.timeToFirstFeasible.map { String(format: "%.2f", $0) } ?? "-", 9)
            + CVRPBenchmark.lpad(String(format: "%.1f", r.totalTime), 8) + CVRPBenchmark.lpad("\(r.iterations)", 8)
            + "  \(r.baselineFeasible ? "yes" : "no")/\(r.feasible ? "yes" : "no")"
    }

    public static func run(seconds: Double, seed: UInt64, threads: Int = 1, limit: Int? = nil,
                           configs: [CountyGenerator.Config] = CountyGenerator.benchmarkSet,
                           maxIterations: Int? = nil, template: RichParameters = RichParameters(),
                           output: (String) -> Void) throws(RoutingError) -> [VariantBenchmarkRow] {
        output(header())
        var rows: [VariantBenchmarkRow] = []
        for c in configs.prefix(limit ?? configs.count) {
            let problem = CountyGenerator.make(c)
            let base = try RoutingEngine.baseline(problem)
            let baseReport = PlanChecker.check(base, for: problem)
            var p = template
            p.seed = seed
            p.timeLimit = maxIterations == nil ? seconds : nil
            p.maxIterations = maxIterations
            let res = try RoutingEngine.solve(problem, parameters: p, threads: threads)
            let report = PlanChecker.check(res.plan, for: problem)
            let row = VariantBenchmarkRow(
                name: c.name, stops: problem.stops.count, visits: problem.totalVisits,
                baselineCost: base.cost, baselineUnserved: base.unserved.count, baselineFeasible: baseReport.isFeasible,
                cost: res.plan.cost, unserved: res.plan.unserved.count, feasible: report.isFeasible,
                routes: res.plan.routes.count, timeToFirstFeasible: res.timeToFirstFeasible,
                totalTime: res.totalTime, iterations: res.iterations)
            rows.append(row)
            output(format(row))
        }
        let ratios = rows.map(\.ratio)
        if !ratios.isEmpty {
            output(String(format: "average cost ratio solver/baseline: %.3f", ratios.reduce(0, +) / Double(ratios.count)))
        }
        return rows
    }
}
