import Foundation

/// A solution in VRPLIB `.sol` form: `Route #k: …` lines whose numbers are node indices (depots
/// 0..<k first, so a depot number inside a route is a reload), then `Cost N`. When the instance
/// lists its vehicles, route #k is vehicle k and unused vehicles have empty lines.
public struct VRPLIBSolution: Sendable, Equatable {
    public var routes: [[Int]]
    /// The `Cost` line as written (some sets print it in another scale than their data).
    public var reportedCost: String?

    public init(routes: [[Int]], reportedCost: String? = nil) {
        self.routes = routes
        self.reportedCost = reportedCost
    }

    public static func read(path: String) throws(RoutingError) -> VRPLIBSolution {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RoutingError(.io, field: path, "cannot read file: \(error.localizedDescription)")
        }
        return try parse(text)
    }

    public static func parse(_ text: String) throws(RoutingError) -> VRPLIBSolution {
        var routes: [[Int]] = []
        var cost: String?
        var lineNo = 0
        for raw in text.split(whereSeparator: { $0.isNewline }) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            let lower = line.lowercased()
            if lower.hasPrefix("route") {
                guard let colon = line.firstIndex(of: ":") else {
                    throw RoutingError(.parse, field: "Route", "line \(lineNo): missing ':' in '\(line)'")
                }
                var r: [Int] = []
                for f in line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    guard let c = Int(f), c >= 0 else { throw RoutingError(.parse, field: "Route", "line \(lineNo): bad visit '\(f)'") }
                    r.append(c)
                }
                routes.append(r)
            } else if lower.hasPrefix("cost") {
                cost = line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: " :\t"))
            }
        }
        return VRPLIBSolution(routes: routes, reportedCost: cost)
    }

    public func formatted() -> String {
        var s = ""
        for (k, r) in routes.enumerated() {
            s += "Route #\(k + 1):" + r.map { " \($0)" }.joined() + "\n"
        }
        if let c = reportedCost { s += "Cost \(c)\n" }
        return s
    }

    /// The `.sol` form of a plan: each route goes to the next unused vehicle of its type (route
    /// #k = vehicle k), reloads are written as the depot's number. Without a listed fleet the
    /// routes are numbered in plan order.
    public init(plan: RoutePlan, instance: VRPLIBInstance) {
        let k = instance.depotCount
        let listed = instance.vehicleTypeOfVehicle
        var slots = [[Int]](repeating: [], count: listed.count)
        var unlisted: [[Int]] = []
        var next = [Int: Int]()  // type -> next vehicle index to try
        for route in plan.routes where !route.visits.isEmpty {
            var numbers: [Int] = []
            var trip = route.visits[0].trip
            let depot = instance.problem.vehicleTypes[route.vehicleType].depot
            for v in route.visits {
                if v.trip != trip { numbers.append(depot); trip = v.trip }
                numbers.append(k + v.stop)
            }
            if listed.isEmpty { unlisted.append(numbers); continue }
            var j = next[route.vehicleType] ?? 0
            while j < listed.count && (listed[j] != route.vehicleType || !slots[j].isEmpty) { j += 1 }
            if j < listed.count { slots[j] = numbers; next[route.vehicleType] = j + 1 } else { slots.append(numbers) }
        }
        self.init(routes: listed.isEmpty ? unlisted : slots, reportedCost: String(plan.cost))
    }
}
