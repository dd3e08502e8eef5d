/// Independent feasibility checker for CVRP solutions. Shares nothing with the solver except
/// `CVRPInstance` / `CVRPSolution`: it recomputes everything from the raw instance data.
public enum CVRPChecker {
    public static func check(_ solution: CVRPSolution, on instance: CVRPInstance, checkCost: Bool = true) -> CheckReport {
        var violations: [Violation] = []
        let n = instance.dimension
        var seen = [Int](repeating: 0, count: n)
        var cost = 0
        var usedRoutes = 0
        for (k, route) in solution.routes.enumerated() where !route.isEmpty {
            usedRoutes += 1
            var load = 0
            var prev = 0
            for c in route {
                guard c >= 1 && c < n else {
                    violations.append(.unknownStop("\(c)"))
                    continue
                }
                seen[c] += 1
                load += instance.demands[c]
                cost += Int(instance.distances[prev * n + c])
                prev = c
            }
            cost += Int(instance.distances[prev * n + 0])
            if load > instance.capacity {
                violations.append(.capacity(route: "#\(k + 1)", load: load, capacity: instance.capacity))
            }
        }
        if n > 1 {
            for c in 1..<n {
                if seen[c] == 0 { violations.append(.missingStop("\(c)")) }
                if seen[c] > 1 { violations.append(.duplicateStop("\(c)")) }
            }
        }
        if let mv = instance.maxVehicles, usedRoutes > mv {
            violations.append(.fleetSize(detail: "\(usedRoutes) routes for \(mv) vehicles"))
        }
        if checkCost && cost != solution.cost {
            violations.append(.costMismatch(reported: solution.cost, actual: cost))
        }
        return CheckReport(cost: cost, violations: violations)
    }
}
