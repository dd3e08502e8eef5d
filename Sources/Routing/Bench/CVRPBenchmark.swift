import Foundation

/// One row of the CVRPLIB benchmark table.
public struct CVRPBenchmarkRow: Sendable {
    public var name: String
    public var n: Int
    public var bks: Int?
    public var cost: Int?
    public var gapPercent: Double?
    public var timeToFirstFeasible: Double?
    public var timeToBest: Double?
    public var totalTime: Double
    /// CPU seconds used by the process during this instance (≈ totalTime × threads when the machine is idle).
    public var cpuTime: Double
    public var iterations: Int
    public var feasible: Bool
}

public struct CVRPBenchmarkSummary: Sendable {
    public var rows: [CVRPBenchmarkRow]
    public var averageGap: Double?
    public var worst: CVRPBenchmarkRow?
    public var allFeasible: Bool
}

/// The `xiangcun bench routing` logic: solve every `.vrp` in a folder, compare with `bks.csv`,
/// verify each solution with the independent checker.
public enum CVRPBenchmark {
    public struct Options: Sendable {
        public var directory: String
        public var seconds: Double = 10
        public var seed: UInt64 = 1
        public var limit: Int? = nil
        public var threads: Int = 1
        public var filter: String? = nil
        /// Template for the solver parameters (time limit and seed are overridden).
        public var parameters = HGSParameters()
        public init(directory: String) { self.directory = directory }
    }

    /// Reads `bks.csv` (instance,n_nodes,bks) if present.
    public static func readBKS(directory: String) -> [String: Int] {
        let path = (directory as NSString).appendingPathComponent("bks.csv")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var out: [String: Int] = [:]
        for line in text.split(whereSeparator: { $0.isNewline }).dropFirst() {
            let f = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if f.count >= 3, let v = Int(f[2]) ?? Double(f[2]).map({ Int($0.rounded()) }) { out[f[0]] = v }
        }
        return out
    }

    public static func instanceFiles(directory: String) throws(RoutingError) -> [String] {
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw RoutingError(.io, field: directory, "cannot list directory: \(error.localizedDescription)")
        }
        return files.filter { $0.hasSuffix(".vrp") }.sorted { a, b in
            let na = instanceSize(a), nb = instanceSize(b)
            return na != nb ? na < nb : a < b
        }
    }

    static func instanceSize(_ name: String) -> Int {
        // X-n101-k25 → 101
        if let r = name.range(of: "-n") {
            let digits = name[r.upperBound...].prefix { $0.isNumber }
            if let v = Int(digits) { return v }
        }
        return Int.max
    }

    public static func header() -> String {
        pad("instance", 12) + lpad("n", 5) + lpad("BKS", 9) + lpad("cost", 9) + lpad("gap %", 8)
            + lpad("t_feas s", 10) + lpad("t_best s", 10) + lpad("total s", 9) + lpad("cpu s", 7) + lpad("iters", 8) + "  feasible"
    }

    public static func format(_ r: CVRPBenchmarkRow) -> String {
        pad(r.name, 12) + lpad("\(r.n)", 5) + lpad(r.bks.map(String.init) ?? "-", 9)
            + lpad(r.cost.map(String.init) ?? "-", 9)
            + lpad(r.gapPercent.map { String(format: "%.2f", $0) } ?? "-", 8)
            + lpad(r.timeToFirstFeasible.map { String(format: "%.3f", $0) } ?? "-", 10)
            + lpad(r.timeToBest.map { String(format: "%.2f", $0) } ?? "-", 10)
            + lpad(String(format: "%.2f", r.totalTime), 9) + lpad(String(format: "%.2f", r.cpuTime), 7)
            + lpad("\(r.iterations)", 8)
            + "  " + (r.feasible ? "yes" : "NO")
    }

    public static func formatSummary(_ s: CVRPBenchmarkSummary) -> String {
        var out = "instances: \(s.rows.count), all feasible: \(s.allFeasible ? "yes" : "NO")\n"
        if let g = s.averageGap { out += String(format: "average gap: %.3f %%\n", g) }
        if let w = s.worst, let g = w.gapPercent { out += "worst: \(w.name) (" + String(format: "%.3f", g) + " %)\n" }
        let wall = s.rows.reduce(0) { $0 + $1.totalTime }, cpu = s.rows.reduce(0) { $0 + $1.cpuTime }
        if wall > 0 { out += String(format: "wall %.1f s, cpu %.1f s (cpu/wall %.2f)\n", wall, cpu, cpu / wall) }
        let feas = s.rows.compactMap(\.timeToFirstFeasible)
        if !feas.isEmpty {
            out += String(format: "time to first feasible: avg %.3f s, max %.3f s\n",
                          feas.reduce(0, +) / Double(feas.count), feas.max() ?? 0)
        }
        return out
    }

    static func pad(_ s: String, _ w: Int) -> String { s.count >= w ? s : s + String(repeating: " ", count: w - s.count) }
    static func lpad(_ s: String, _ w: Int) -> String { s.count >= w ? s : String(repeating: " ", count: w - s.count) + s }

    public static func run(_ options: Options, output: (String) -> Void) throws(RoutingError) -> CVRPBenchmarkSummary {
        let bks = readBKS(directory: options.directory)
        var files = try instanceFiles(directory: options.directory)
        if let f = options.filter { files = files.filter { $0.contains(f) } }
        if let k = options.limit { files = Array(files.prefix(k)) }
        output(header())
        var rows: [CVRPBenchmarkRow] = []
        for file in files {
            let inst = try CVRPLIB.read(path: (options.directory as NSString).appendingPathComponent(file))
            var p = options.parameters
            p.timeLimit = options.seconds
            p.seed = options.seed
            let cpu0 = processCPUSeconds()
            let res = ParallelHGS.solve(instance: inst, parameters: p, threads: options.threads)
            let cpu = processCPUSeconds() - cpu0
            let key = file.hasSuffix(".vrp") ? String(file.dropLast(4)) : file
            let best = bks[key] ?? bks[inst.name]
            var feasible = false
            if let sol = res.solution { feasible = CVRPChecker.check(sol, on: inst).isFeasible }
            var gap: Double?
            if let b = best, let c = res.solution?.cost, b > 0 { gap = Double(c - b) / Double(b) * 100 }
            let row = CVRPBenchmarkRow(name: key, n: inst.dimension, bks: best, cost: res.solution?.cost,
                                       gapPercent: gap, timeToFirstFeasible: res.timeToFirstFeasible,
                                       timeToBest: res.timeToBest, totalTime: res.totalTime, cpuTime: cpu,
                                       iterations: res.iterations, feasible: feasible)
            rows.append(row)
            output(format(row))
        }
        let gaps = rows.compactMap(\.gapPercent)
        let worst = rows.filter { $0.gapPercent != nil }.max { ($0.gapPercent ?? 0) < ($1.gapPercent ?? 0) }
        let summary = CVRPBenchmarkSummary(rows: rows, averageGap: gaps.isEmpty ? nil : gaps.reduce(0, +) / Double(gaps.count),
                                           worst: worst, allFeasible: rows.allSatisfy(\.feasible))
        output(formatSummary(summary))
        return summary
    }
}
