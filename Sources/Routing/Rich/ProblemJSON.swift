import Foundation

/// JSON reading and writing for `RoutingProblem` and `RoutePlan` (format in docs/routing.md).
/// Every input error is a `RoutingError` naming the JSON path of the field.
public enum ProblemJSON {
    public static func read(path: String) throws(RoutingError) -> RoutingProblem {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RoutingError(.io, field: path, "cannot read file: \(error.localizedDescription)")
        }
        return try parse(data)
    }

    public static func parse(_ text: String) throws(RoutingError) -> RoutingProblem {
        try parse(Data(text.utf8))
    }

    public static func parse(_ data: Data) throws(RoutingError) -> RoutingProblem {
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw RoutingError(.parse, field: "$", "not valid JSON: \(error.localizedDescription)")
        }
        guard let root = any as? [String: Any] else { throw RoutingError(.invalidField, field: "$", "expected a JSON object") }
        let r = Reader(root, path: "")
        let horizon = try r.int("horizon", default: 1)
        if horizon < 1 || horizon > 366 { throw RoutingError(.invalidField, field: "horizon", "must be between 1 and 366, got \(horizon)") }
        let objective: RoutingProblem.Objective
        if let o = try r.objectIfPresent("objective") {
            objective = .init(distanceWeight: try o.int("distanceWeight", default: 1), durationWeight: try o.int("durationWeight", default: 0))
            if objective.distanceWeight < 0 { throw RoutingError(.invalidField, field: "objective.distanceWeight", "must be ≥ 0") }
            if objective.durationWeight < 0 { throw RoutingError(.invalidField, field: "objective.durationWeight", "must be ≥ 0") }
        } else {
            objective = .init()
        }
        let depots = try readDepots(r)
        var stops: [RoutingProblem.Stop] = []
        for s in try r.objects("stops") {
            var stop = RoutingProblem.Stop(id: try s.string("id", default: nil))
            stop.location = try s.location()
            stop.delivery = try s.int("delivery", default: 0)
            stop.pickup = try s.int("pickup", default: 0)
            stop.serviceTime = try s.int("serviceTime", default: 0)
            stop.timeWindow = try s.timeWindow("timeWindow")
            stop.frequency = try s.int("frequency", default: 1)
            stop.patterns = try s.intMatrixIfPresent("patterns")
            stop.releaseTime = try s.timeIfPresent("releaseTime") ?? 0
            stops.append(stop)
        }
        var types: [RoutingProblem.VehicleType] = []
        for v in try r.objects("vehicles") {
            types.append(RoutingProblem.VehicleType(
                id: try v.string("id", default: "vehicle\(types.count + 1)"),
                capacity: try v.int("capacity", default: nil),
                count: try v.intIfPresent("count"),
                fixedCost: try v.int("fixedCost", default: 0),
                maxDuration: try v.intIfPresent("maxDuration"),
                maxDistance: try v.intIfPresent("maxDistance"),
                depot: try depotIndex(v, depots),
                distanceCost: try v.intIfPresent("distanceCost"),
                multiTrip: try v.bool("multiTrip", default: false)))
        }
        let problem = RoutingProblem(
            name: try r.string("name", default: "problem"), depot: depots[0], stops: stops, vehicleTypes: types,
            horizon: horizon, objective: objective,
            circuity: try r.double("circuity", default: 1.3), speedKmh: try r.double("speedKmh", default: 40),
            distanceMatrix: try r.intMatrixIfPresent("distanceMatrix"),
            durationMatrix: try r.intMatrixIfPresent("durationMatrix"), otherDepots: Array(depots.dropFirst()))
        try RoutingProblemValidator.validate(problem)
        return problem
    }

    /// `depot` (one) or `depots` (several; the first is the default home of every vehicle).
    static func readDepots(_ r: Reader) throws(RoutingError) -> [RoutingProblem.Depot] {
        func depot(_ d: Reader) throws(RoutingError) -> RoutingProblem.Depot {
            RoutingProblem.Depot(id: try d.string("id", default: "depot"), location: try d.location(),
                                 timeWindow: try d.timeWindow("timeWindow"))
        }
        guard r.dict["depots"] != nil else { return [try depot(try r.object("depot"))] }
        if r.dict["depot"] != nil { throw RoutingError(.invalidField, field: "depots", "give either depot or depots, not both") }
        var out: [RoutingProblem.Depot] = []
        for d in try r.objects("depots") {
            let one = try depot(d)
            if out.contains(where: { $0.id == one.id }) {
                throw RoutingError(.invalidField, field: d.p("id"), "depot id '\(one.id)' appears twice")
            }
            out.append(one)
        }
        if out.isEmpty { throw RoutingError(.invalidField, field: "depots", "needs at least one depot") }
        return out
    }

    /// A vehicle's `depot` names one of the depots by id (default: the first).
    static func depotIndex(_ v: Reader, _ depots: [RoutingProblem.Depot]) throws(RoutingError) -> Int {
        guard v.dict["depot"] != nil else { return 0 }
        let id = try v.string("depot", default: nil)
        guard let k = depots.firstIndex(where: { $0.id == id }) else {
            throw RoutingError(.invalidField, field: v.p("depot"), "no depot with id '\(id)'")
        }
        return k
    }

    // MARK: output

    public struct PlanOutput: Encodable {
        public struct StopOut: Encodable {
            public var id: String
            public var arrival: Int
            public var serviceStart: Int
            public var departure: Int
            public var load: Int
            public var delivery: Int
            public var pickup: Int
            /// Trip of the route (1 = first; a new trip starts after a reload at the depot).
            public var trip: Int
        }
        public struct RouteOut: Encodable {
            public var vehicle: String
            public var depot: String
            public var departure: Int
            public var `return`: Int
            public var startLoad: Int
            public var distance: Int
            public var duration: Int
            public var cost: Int
            public var stops: [StopOut]
        }
        public struct DayOut: Encodable {
            public var day: Int
            public var routes: [RouteOut]
        }
        public var name: String
        public var cost: Int
        public var distance: Int
        public var duration: Int
        public var feasible: Bool
        public var violations: [String]
        public var unserved: [String]
        public var visitDays: [String: [Int]]
        public var days: [DayOut]
    }

    public static func output(_ plan: RoutePlan, problem: RoutingProblem, report: CheckReport) -> PlanOutput {
        var days: [PlanOutput.DayOut] = []
        for day in 1...max(1, problem.horizon) {
            let rs = plan.routes.filter { $0.day == day }.map { r in
                PlanOutput.RouteOut(
                    vehicle: problem.vehicleTypes[r.vehicleType].id,
                    depot: problem.depots[problem.vehicleTypes[r.vehicleType].depot].id, departure: r.departure, return: r.returnTime,
                    startLoad: r.startLoad, distance: r.distance, duration: r.duration, cost: r.cost,
                    stops: r.visits.map { v in
                        PlanOutput.StopOut(id: problem.stops[v.stop].id, arrival: v.arrival, serviceStart: v.serviceStart,
                                           departure: v.departure, load: v.loadAfter,
                                           delivery: problem.stops[v.stop].delivery, pickup: problem.stops[v.stop].pickup,
                                           trip: v.trip + 1)
                    })
            }
            days.append(PlanOutput.DayOut(day: day, routes: rs))
        }
        var visitDays: [String: [Int]] = [:]
        for (i, s) in problem.stops.enumerated() where i < plan.stopDays.count { visitDays[s.id] = plan.stopDays[i] }
        return PlanOutput(name: problem.name, cost: plan.cost, distance: plan.distance, duration: plan.duration,
                          feasible: report.isFeasible, violations: report.violations.map(\.description),
                          unserved: plan.unserved.map { problem.stops[$0].id }, visitDays: visitDays, days: days)
    }

    public static func encode(_ plan: RoutePlan, problem: RoutingProblem, report: CheckReport) -> String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        guard let data = try? enc.encode(output(plan, problem: problem, report: report)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: typed field access with paths

    struct Reader {
        let dict: [String: Any]
        let path: String
        init(_ dict: [String: Any], path: String) { self.dict = dict; self.path = path }
        func p(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        func int(_ key: String, default def: Int?) throws(RoutingError) -> Int {
            if let v = try intIfPresent(key) { return v }
            if let def { return def }
            throw RoutingError(.missingField, field: p(key), "required integer field is missing")
        }

        func intIfPresent(_ key: String) throws(RoutingError) -> Int? {
            guard let raw = dict[key], !(raw is NSNull) else { return nil }
            return try ProblemJSON.asInt(raw, p(key))
        }

        func bool(_ key: String, default def: Bool) throws(RoutingError) -> Bool {
            guard let raw = dict[key], !(raw is NSNull) else { return def }
            guard let n = raw as? NSNumber, n.objCType.pointee == 99 else {
                throw RoutingError(.invalidField, field: p(key), "expected true or false")
            }
            return n.boolValue
        }

        func timeIfPresent(_ key: String) throws(RoutingError) -> Int? {
            guard let raw = dict[key], !(raw is NSNull) else { return nil }
            return try ProblemJSON.asTime(raw, p(key))
        }

        func double(_ key: String, default def: Double) throws(RoutingError) -> Double {
            guard let raw = dict[key], !(raw is NSNull) else { return def }
            guard let n = ProblemJSON.number(raw) else {
                throw RoutingError(.invalidField, field: p(key), "expected a number")
            }
            let v = n.doubleValue
            if !v.isFinite { throw RoutingError(.invalidField, field: p(key), "expected a finite number") }
            return v
        }

        func string(_ key: String, default def: String?) throws(RoutingError) -> String {
            guard let raw = dict[key], !(raw is NSNull) else {
                if let def { return def }
                throw RoutingError(.missingField, field: p(key), "required string field is missing")
            }
            if let s = raw as? String { return s }
            if let n = ProblemJSON.number(raw) { return n.stringValue }
            throw RoutingError(.invalidField, field: p(key), "expected a string")
        }

        func object(_ key: String) throws(RoutingError) -> Reader {
            guard let o = try objectIfPresent(key) else { throw RoutingError(.missingField, field: p(key), "required object is missing") }
            return o
        }

        func objectIfPresent(_ key: String) throws(RoutingError) -> Reader? {
            guard let raw = dict[key], !(raw is NSNull) else { return nil }
            guard let o = raw as? [String: Any] else { throw RoutingError(.invalidField, field: p(key), "expected an object") }
            return Reader(o, path: p(key))
        }

        func objects(_ key: String) throws(RoutingError) -> [Reader] {
            guard let raw = dict[key], !(raw is NSNull) else { throw RoutingError(.missingField, field: p(key), "required array is missing") }
            guard let arr = raw as? [Any] else { throw RoutingError(.invalidField, field: p(key), "expected an array") }
            var out: [Reader] = []
            for (i, e) in arr.enumerated() {
                guard let o = e as? [String: Any] else { throw RoutingError(.invalidField, field: "\(p(key))[\(i)]", "expected an object") }
                out.append(Reader(o, path: "\(p(key))[\(i)]"))
            }
            return out
        }

        func intMatrixIfPresent(_ key: String) throws(RoutingError) -> [[Int]]? {
            guard let raw = dict[key], !(raw is NSNull) else { return nil }
            guard let rows = raw as? [Any] else { throw RoutingError(.invalidField, field: p(key), "expected an array of arrays") }
            var out: [[Int]] = []
            for (i, row) in rows.enumerated() {
                guard let cells = row as? [Any] else { throw RoutingError(.invalidField, field: "\(p(key))[\(i)]", "expected an array") }
                var r: [Int] = []
                for (j, c) in cells.enumerated() { r.append(try ProblemJSON.asInt(c, "\(p(key))[\(i)][\(j)]")) }
                out.append(r)
            }
            return out
        }

        func location() throws(RoutingError) -> RoutingProblem.Location? {
            let lat = dict["lat"] ?? dict["latitude"], lon = dict["lon"] ?? dict["lng"] ?? dict["longitude"]
            if lat == nil && lon == nil { return nil }
            guard let la = ProblemJSON.number(lat) else {
                throw RoutingError(.invalidField, field: p("lat"), "expected a latitude number")
            }
            guard let lo = ProblemJSON.number(lon) else {
                throw RoutingError(.invalidField, field: p("lon"), "expected a longitude number")
            }
            let a = la.doubleValue, b = lo.doubleValue
            guard a >= -90 && a <= 90 else { throw RoutingError(.invalidField, field: p("lat"), "latitude \(a) outside -90...90") }
            guard b >= -180 && b <= 180 else { throw RoutingError(.invalidField, field: p("lon"), "longitude \(b) outside -180...180") }
            return .init(latitude: a, longitude: b)
        }

        /// `[start, end]` in seconds since midnight or "HH:MM" strings, or {"start":…, "end":…}.
        func timeWindow(_ key: String) throws(RoutingError) -> RoutingProblem.TimeWindow? {
            guard let raw = dict[key], !(raw is NSNull) else { return nil }
            var parts: [Any] = []
            if let arr = raw as? [Any] { parts = arr } else if let o = raw as? [String: Any], let s = o["start"], let e = o["end"] { parts = [s, e] } else {
                throw RoutingError(.invalidField, field: p(key), "expected [start, end]")
            }
            guard parts.count == 2 else { throw RoutingError(.invalidField, field: p(key), "expected exactly two values [start, end]") }
            let s = try ProblemJSON.asTime(parts[0], "\(p(key))[0]"), e = try ProblemJSON.asTime(parts[1], "\(p(key))[1]")
            guard s <= e else { throw RoutingError(.invalidField, field: p(key), "start \(s) is after end \(e)") }
            return .init(s, e)
        }
    }

    /// A JSON number (not a boolean).
    static func number(_ raw: Any?) -> NSNumber? {
        guard let n = raw as? NSNumber else { return nil }
        if n.objCType.pointee == 99 { return nil }  // 'c': JSON true/false
        return n
    }

    static func asInt(_ raw: Any, _ path: String) throws(RoutingError) -> Int {
        guard let n = ProblemJSON.number(raw) else {
            throw RoutingError(.invalidField, field: path, "expected an integer")
        }
        let d = n.doubleValue
        guard d.isFinite, d == d.rounded(), abs(d) < 1e15 else { throw RoutingError(.invalidField, field: path, "expected an integer, got \(d)") }
        return Int(d)
    }

    static func asTime(_ raw: Any, _ path: String) throws(RoutingError) -> Int {
        if let s = raw as? String {
            let f = s.split(separator: ":")
            guard f.count == 2 || f.count == 3, let h = Int(f[0]), let m = Int(f[1]), h >= 0, h < 10_000, m >= 0, m < 60 else {
                throw RoutingError(.invalidField, field: path, "expected \"HH:MM\", got \"\(s)\"")
            }
            let sec = f.count == 3 ? (Int(f[2]) ?? -1) : 0
            guard sec >= 0 && sec < 60 else { throw RoutingError(.invalidField, field: path, "bad seconds in \"\(s)\"") }
            return h * 3600 + m * 60 + sec
        }
        return try asInt(raw, path)
    }
}

extension ProblemJSON {
    /// Writes a problem in the documented JSON format (round-trips through `parse`).
    public static func encodeProblem(_ p: RoutingProblem) -> String {
        func loc(_ l: RoutingProblem.Location?) -> [String: Any] {
            guard let l else { return [:] }
            return ["lat": l.latitude, "lon": l.longitude]
        }
        func tw(_ t: RoutingProblem.TimeWindow?) -> Any? { t.map { [$0.start, $0.end] } }
        let depots: [[String: Any]] = p.depots.map { d in
            var o: [String: Any] = ["id": d.id]
            o.merge(loc(d.location)) { a, _ in a }
            if let t = tw(d.timeWindow) { o["timeWindow"] = t }
            return o
        }
        let stops: [[String: Any]] = p.stops.map { s in
            var o: [String: Any] = ["id": s.id, "delivery": s.delivery, "pickup": s.pickup,
                                    "serviceTime": s.serviceTime, "frequency": s.frequency]
            o.merge(loc(s.location)) { a, _ in a }
            if let t = tw(s.timeWindow) { o["timeWindow"] = t }
            if let pats = s.patterns { o["patterns"] = pats }
            if s.releaseTime != 0 { o["releaseTime"] = s.releaseTime }
            return o
        }
        let vehicles: [[String: Any]] = p.vehicleTypes.map { v in
            var o: [String: Any] = ["id": v.id, "capacity": v.capacity, "fixedCost": v.fixedCost]
            if let c = v.count { o["count"] = c }
            if let d = v.maxDuration { o["maxDuration"] = d }
            if let d = v.maxDistance { o["maxDistance"] = d }
            if let c = v.distanceCost { o["distanceCost"] = c }
            if v.multiTrip { o["multiTrip"] = true }
            if p.depots.count > 1 { o["depot"] = p.depots[v.depot].id }
            return o
        }
        var root: [String: Any] = [
            "name": p.name, "horizon": p.horizon, "circuity": p.circuity, "speedKmh": p.speedKmh,
            "objective": ["distanceWeight": p.objective.distanceWeight, "durationWeight": p.objective.durationWeight],
            "stops": stops, "vehicles": vehicles,
        ]
        if depots.count == 1 { root["depot"] = depots[0] } else { root["depots"] = depots }
        if let m = p.distanceMatrix { root["distanceMatrix"] = m }
        if let m = p.durationMatrix { root["durationMatrix"] = m }
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
