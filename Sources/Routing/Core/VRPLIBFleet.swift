/// The fleet of a VRPLIB file. The dialect lists every vehicle (capacity, fixed cost, cost per
/// distance unit, depot, reload depot); vehicles with equal attributes become one vehicle type
/// with a count, in order of first appearance (as PyVRP groups them).
struct VRPLIBFleet {
    var types: [RoutingProblem.VehicleType]
    /// Type of each listed vehicle; empty for an unlimited fleet (no VEHICLES line).
    var typeOfVehicle: [Int]

    private struct Attributes: Hashable {
        var capacity: Int
        var fixedCost: Int
        var unitCost: Int
        var depot: Int
        var multiTrip: Bool
        var maxDuration: Int?
        var maxDistance: Int?
    }

    static func read(_ raw: VRPLIBText, depots k: Int, clients: Int, convention: VRPLIBConvention) throws(RoutingError) -> VRPLIBFleet {
        let listed = try raw.number("VEHICLES").map { Int($0) }
        let count = listed ?? clients
        guard count >= 1 else { throw RoutingError(.invalidField, field: "VEHICLES", "expected at least one vehicle") }
        let capacity = try perVehicle(raw, "CAPACITY_SECTION", header: "CAPACITY", count: count)
        let fixed = try perVehicle(raw, "VEHICLES_FIXED_COST_SECTION", header: "VEHICLES_FIXED_COST", count: count)
        let unit = try perVehicle(raw, "VEHICLES_UNIT_DISTANCE_COST_SECTION", header: "VEHICLES_UNIT_DISTANCE_COST", count: count)
        let depot = try perVehicle(raw, "VEHICLES_DEPOT_SECTION", header: nil, count: count)
        let reload = try perVehicle(raw, "VEHICLES_RELOAD_DEPOT_SECTION", header: nil, count: count)
        let maxDuration = try raw.number("VEHICLES_MAX_DURATION").map { convention.scale($0) }
        let maxDistance = try raw.number("VEHICLES_MAX_DISTANCE").map { convention.scale($0) }
        var index: [Attributes: Int] = [:]
        var attributes: [Attributes] = []
        var counts: [Int] = []
        var typeOfVehicle: [Int] = []
        for v in 0..<count {
            guard let cap = capacity[v] else { throw RoutingError(.missingField, field: "CAPACITY", "no capacity for vehicle \(v + 1)") }
            let home = Int(depot[v] ?? 1) - 1
            guard home >= 0 && home < k else { throw RoutingError(.invalidField, field: "VEHICLES_DEPOT_SECTION", "vehicle \(v + 1): no depot \(home + 1)") }
            if let r = reload[v], Int(r) - 1 != home {
                throw RoutingError(.unsupported, field: "VEHICLES_RELOAD_DEPOT_SECTION", "vehicle \(v + 1) reloads at depot \(Int(r)), not its own")
            }
            let a = Attributes(capacity: Int(cap), fixedCost: Int((fixed[v] ?? 0).rounded()), unitCost: Int(unit[v] ?? 1),
                               depot: home, multiTrip: reload[v] != nil, maxDuration: maxDuration, maxDistance: maxDistance)
            if let t = index[a] {
                counts[t] += 1
                typeOfVehicle.append(t)
            } else {
                index[a] = attributes.count
                typeOfVehicle.append(attributes.count)
                attributes.append(a)
                counts.append(1)
            }
        }
        let types = attributes.enumerated().map { t, a in
            RoutingProblem.VehicleType(id: "type\(t + 1)", capacity: a.capacity, count: listed == nil ? nil : counts[t],
                                       fixedCost: a.fixedCost, maxDuration: a.maxDuration, maxDistance: a.maxDistance,
                                       depot: a.depot, distanceCost: a.unitCost, multiTrip: a.multiTrip)
        }
        return VRPLIBFleet(types: types, typeOfVehicle: listed == nil ? [] : typeOfVehicle)
    }

    /// One value per vehicle from `SECTION` rows (`vehicle value`), else the header value for all.
    static func perVehicle(_ raw: VRPLIBText, _ section: String, header: String?, count: Int) throws(RoutingError) -> [Double?] {
        if let rows = raw.sections[section] {
            var out = [Double?](repeating: nil, count: count)
            for row in rows {
                guard row.count >= 2, let id = Int(exactly: row[0]), id >= 1, id <= count else {
                    throw RoutingError(.parse, field: section, "expected 'vehicle value' with vehicle in 1...\(count), got \(row)")
                }
                out[id - 1] = row[1]
            }
            return out
        }
        let v = try header.flatMap { key throws(RoutingError) in try raw.number(key) }
        return [Double?](repeating: v, count: count)
    }
}
