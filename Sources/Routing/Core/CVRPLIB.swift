import Foundation

/// Reader and writer for CVRPLIB / TSPLIB CVRP files and CVRPLIB `.sol` solutions.
public enum CVRPLIB {
    public static func read(path: String) throws(RoutingError) -> CVRPInstance {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RoutingError(.io, field: path, "cannot read file: \(error.localizedDescription)")
        }
        let base = (path as NSString).lastPathComponent
        let fallback = base.hasSuffix(".vrp") ? String(base.dropLast(4)) : base
        return try parse(text, defaultName: fallback)
    }

    /// Parses the text of a `.vrp` file.
    /// Supported: EDGE_WEIGHT_TYPE EUC_2D, CEIL_2D, EXPLICIT with EDGE_WEIGHT_FORMAT FULL_MATRIX,
    /// LOWER_ROW, LOWER_DIAG_ROW, UPPER_ROW, UPPER_DIAG_ROW (and the equivalent *_COL layouts).
    public static func parse(_ text: String, defaultName: String = "instance") throws(RoutingError) -> CVRPInstance {
        var name = defaultName
        var dimension: Int?
        var capacity: Int?
        var weightType = "EUC_2D"
        var weightFormat: String?
        var vehicles: Int?
        var coords: [Int: (Double, Double)] = [:]
        var demands: [Int: Int] = [:]
        var depots: [Int] = []
        var weights: [Double] = []

        enum Section { case none, coords, demands, depots, weights, ignore }
        var section = Section.none
        var lineNo = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }) {
            lineNo += 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let upper = line.uppercased()
            if upper == "EOF" { break }
            // Keyword line?
            if let first = upper.first, first.isLetter {
                let keyword: String
                let value: String
                if let colon = line.firstIndex(of: ":") {
                    keyword = line[..<colon].trimmingCharacters(in: .whitespaces).uppercased()
                    value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                } else {
                    let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    keyword = String(parts.first ?? "").uppercased()
                    value = parts.dropFirst().joined(separator: " ")
                }
                switch keyword {
                case "NAME": name = value; section = .none
                case "DIMENSION":
                    guard let v = Int(value), v >= 2 else { throw RoutingError(.parse, field: "DIMENSION", "line \(lineNo): expected an integer ≥ 2, got '\(value)'") }
                    dimension = v; section = .none
                case "CAPACITY":
                    guard let v = Int(value), v > 0 else { throw RoutingError(.parse, field: "CAPACITY", "line \(lineNo): expected a positive integer, got '\(value)'") }
                    capacity = v; section = .none
                case "VEHICLES":
                    guard let v = Int(value), v > 0 else { throw RoutingError(.parse, field: "VEHICLES", "line \(lineNo): expected a positive integer, got '\(value)'") }
                    vehicles = v; section = .none
                case "EDGE_WEIGHT_TYPE": weightType = value.uppercased(); section = .none
                case "EDGE_WEIGHT_FORMAT": weightFormat = value.uppercased(); section = .none
                case "NODE_COORD_SECTION": section = .coords
                case "DEMAND_SECTION": section = .demands
                case "DEPOT_SECTION": section = .depots
                case "EDGE_WEIGHT_SECTION": section = .weights
                case "DISTANCE", "SERVICE_TIME":
                    // Duration-limited CVRP files (e.g. CMT) are not silently solved as plain CVRPs.
                    throw RoutingError(.unsupported, field: keyword,
                                       "route-length limits and service times in CVRPLIB files are not supported; use the JSON format (stops[].serviceTime, vehicles[].maxDuration / maxDistance)")
                case "TYPE", "COMMENT", "NODE_COORD_TYPE", "DISPLAY_DATA_TYPE":
                    section = .none
                case "DISPLAY_DATA_SECTION": section = .ignore
                default:
                    if keyword.hasSuffix("_SECTION") { section = .ignore } else { section = .none }
                }
                continue
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            switch section {
            case .coords:
                guard fields.count >= 3, let id = Int(fields[0]), let x = Double(fields[1]), let y = Double(fields[2]) else {
                    throw RoutingError(.parse, field: "NODE_COORD_SECTION", "line \(lineNo): expected 'id x y', got '\(line)'")
                }
                coords[id] = (x, y)
            case .demands:
                guard fields.count >= 2, let id = Int(fields[0]), let q = Int(fields[1]), q >= 0 else {
                    throw RoutingError(.parse, field: "DEMAND_SECTION", "line \(lineNo): expected 'id demand', got '\(line)'")
                }
                demands[id] = q
            case .depots:
                for f in fields {
                    guard let id = Int(f) else { throw RoutingError(.parse, field: "DEPOT_SECTION", "line \(lineNo): expected an integer, got '\(f)'") }
                    if id >= 0 { depots.append(id) } else { section = .none }
                }
            case .weights:
                for f in fields {
                    guard let w = Double(f) else { throw RoutingError(.parse, field: "EDGE_WEIGHT_SECTION", "line \(lineNo): expected a number, got '\(f)'") }
                    weights.append(w)
                }
            case .ignore:
                continue
            case .none:
                throw RoutingError(.parse, field: nil, "line \(lineNo): unexpected data '\(line)' outside a section")
            }
        }

        guard let n = dimension else { throw RoutingError(.missingField, field: "DIMENSION", "the file has no DIMENSION") }
        guard let cap = capacity else { throw RoutingError(.missingField, field: "CAPACITY", "the file has no CAPACITY") }
        let depotID = depots.first ?? 1
        guard depotID >= 1 && depotID <= n else { throw RoutingError(.invalidField, field: "DEPOT_SECTION", "depot \(depotID) is not a node 1...\(n)") }
        if depots.count > 1 { throw RoutingError(.unsupported, field: "DEPOT_SECTION", "only one depot is supported") }

        // File node ids 1...n; internal order: depot first, then the others in file order.
        var order = [depotID]
        for id in 1...n where id != depotID { order.append(id) }

        var fileMatrix = [Double](repeating: 0, count: n * n)  // indexed by file id - 1
        var xsFile: [Double]? = nil, ysFile: [Double]? = nil
        switch weightType {
        case "EUC_2D", "CEIL_2D", "EXACT_2D", "FLOOR_2D":
            var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
            for id in 1...n {
                guard let c = coords[id] else { throw RoutingError(.missingField, field: "NODE_COORD_SECTION", "no coordinates for node \(id)") }
                xs[id - 1] = c.0; ys[id - 1] = c.1
            }
            for i in 0..<n {
                for j in 0..<n where i != j {
                    let dx = xs[i] - xs[j], dy = ys[i] - ys[j]
                    let e = (dx * dx + dy * dy).squareRoot()
                    switch weightType {
                    case "CEIL_2D": fileMatrix[i * n + j] = e.rounded(.up)
                    case "FLOOR_2D": fileMatrix[i * n + j] = e.rounded(.down)
                    case "EXACT_2D": fileMatrix[i * n + j] = e
                    default: fileMatrix[i * n + j] = (e + 0.5).rounded(.down)
                    }
                }
            }
            xsFile = xs; ysFile = ys
        case "EXPLICIT":
            let format = weightFormat ?? "FULL_MATRIX"
            var k = 0
            func next() throws(RoutingError) -> Double {
                guard k < weights.count else {
                    throw RoutingError(.parse, field: "EDGE_WEIGHT_SECTION", "too few weights for \(format) with DIMENSION \(n) (got \(weights.count))")
                }
                defer { k += 1 }
                return weights[k]
            }
            func set(_ i: Int, _ j: Int, _ w: Double) { fileMatrix[i * n + j] = w; fileMatrix[j * n + i] = w }
            switch format {
            case "FULL_MATRIX":
                for i in 0..<n { for j in 0..<n { fileMatrix[i * n + j] = try next() } }
            case "LOWER_ROW", "UPPER_COL":
                for i in 0..<n { for j in 0..<i { set(i, j, try next()) } }
            case "LOWER_DIAG_ROW", "UPPER_DIAG_COL":
                for i in 0..<n { for j in 0...i { let w = try next(); if i != j { set(i, j, w) } } }
            case "UPPER_ROW", "LOWER_COL":
                for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { set(i, j, try next()) } }
            case "UPPER_DIAG_ROW", "LOWER_DIAG_COL":
                for i in 0..<n { for j in i..<n { let w = try next(); if i != j { set(i, j, w) } } }
            default:
                throw RoutingError(.unsupported, field: "EDGE_WEIGHT_FORMAT", "unsupported format '\(format)'")
            }
            if k != weights.count {
                throw RoutingError(.parse, field: "EDGE_WEIGHT_SECTION", "expected \(k) weights for \(format) with DIMENSION \(n), got \(weights.count)")
            }
            if !coords.isEmpty, coords.count == n {
                var xs = [Double](repeating: 0, count: n), ys = [Double](repeating: 0, count: n)
                for id in 1...n { if let c = coords[id] { xs[id - 1] = c.0; ys[id - 1] = c.1 } }
                xsFile = xs; ysFile = ys
            }
        default:
            throw RoutingError(.unsupported, field: "EDGE_WEIGHT_TYPE", "unsupported type '\(weightType)'")
        }

        var dem = [Int](repeating: 0, count: n)
        var d = [Int32](repeating: 0, count: n * n)
        var xs: [Double]? = xsFile.map { _ in [Double](repeating: 0, count: n) }
        var ys: [Double]? = ysFile.map { _ in [Double](repeating: 0, count: n) }
        for (a, fa) in order.enumerated() {
            if a > 0 {
                guard let q = demands[fa] else { throw RoutingError(.missingField, field: "DEMAND_SECTION", "no demand for node \(fa)") }
                if q > cap { throw RoutingError(.infeasibleInput, field: "DEMAND_SECTION", "demand \(q) of node \(fa) exceeds CAPACITY \(cap)") }
                dem[a] = q
            }
            if let xf = xsFile, let yf = ysFile { xs?[a] = xf[fa - 1]; ys?[a] = yf[fa - 1] }
            for (b, fb) in order.enumerated() {
                let w = fileMatrix[(fa - 1) * n + (fb - 1)]
                guard w >= 0, w < 1e9, w == w.rounded() else {
                    throw RoutingError(.unsupported, field: "EDGE_WEIGHT_SECTION", "weight \(w) between \(fa) and \(fb) is not a non-negative integer")
                }
                d[a * n + b] = Int32(w)
            }
        }
        return CVRPInstance(name: name, capacity: cap, demands: dem, distances: d, xs: xs, ys: ys,
                            maxVehicles: vehicles, fileNodeIDs: order)
    }

    // MARK: - Writing instances (EUC_2D or EXPLICIT FULL_MATRIX)

    public static func format(_ inst: CVRPInstance) -> String {
        var s = "NAME : \(inst.name)\nTYPE : CVRP\nDIMENSION : \(inst.dimension)\n"
        if let v = inst.maxVehicles { s += "VEHICLES : \(v)\n" }
        let n = inst.dimension
        if let xs = inst.xs, let ys = inst.ys {
            s += "EDGE_WEIGHT_TYPE : EUC_2D\nCAPACITY : \(inst.capacity)\nNODE_COORD_SECTION\n"
            for i in 0..<n { s += "\(i + 1) \(fmt(xs[i])) \(fmt(ys[i]))\n" }
        } else {
            s += "EDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : FULL_MATRIX\nCAPACITY : \(inst.capacity)\nEDGE_WEIGHT_SECTION\n"
            for i in 0..<n { s += (0..<n).map { String(inst.distances[i * n + $0]) }.joined(separator: " ") + "\n" }
        }
        s += "DEMAND_SECTION\n"
        for i in 0..<n { s += "\(i + 1) \(inst.demands[i])\n" }
        s += "DEPOT_SECTION\n1\n-1\nEOF\n"
        return s
    }

    private static func fmt(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    // MARK: - .sol files

    /// CVRPLIB solution text: "Route #k: c1 c2 …" with customers numbered by internal node index
    /// (depot excluded; for files whose depot is node 1 this is file id − 1), then "Cost N".
    public static func formatSolution(_ sol: CVRPSolution) -> String {
        var s = ""
        var k = 0
        for r in sol.routes where !r.isEmpty {
            k += 1
            s += "Route #\(k): " + r.map(String.init).joined(separator: " ") + "\n"
        }
        s += "Cost \(sol.cost)\n"
        return s
    }

    public static func parseSolution(_ text: String) throws(RoutingError) -> CVRPSolution {
        var routes: [[Int]] = []
        var cost: Int?
        var lineNo = 0
        for raw in text.split(whereSeparator: { $0.isNewline }) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.lowercased().hasPrefix("route") {
                guard let colon = line.firstIndex(of: ":") else {
                    throw RoutingError(.parse, field: "Route", "line \(lineNo): missing ':' in '\(line)'")
                }
                var r: [Int] = []
                for f in line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    guard let c = Int(f), c > 0 else { throw RoutingError(.parse, field: "Route", "line \(lineNo): bad customer '\(f)'") }
                    r.append(c)
                }
                routes.append(r)
            } else if line.lowercased().hasPrefix("cost") {
                let v = line.dropFirst(4).trimmingCharacters(in: CharacterSet(charactersIn: " :\t"))
                guard let c = Int(v) ?? Double(v).map({ Int($0.rounded()) }) else {
                    throw RoutingError(.parse, field: "Cost", "line \(lineNo): bad cost '\(v)'")
                }
                cost = c
            } else {
                throw RoutingError(.parse, field: nil, "line \(lineNo): unexpected '\(line)'")
            }
        }
        guard let c = cost else { throw RoutingError(.missingField, field: "Cost", "the solution has no Cost line") }
        return CVRPSolution(routes: routes, cost: c)
    }
}
