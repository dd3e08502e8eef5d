import Foundation

/// Immutable instance data in flat buffers, shared by split, local search and population
/// during one solver run. Owns its memory.
final class HGSData {
    let n: Int          // nodes including depot
    let nC: Int         // customers
    let capacity: Int
    let nbVehicles: Int
    let fleetIsLimited: Bool
    let dist: UnsafeMutablePointer<Int32>
    let demand: UnsafeMutablePointer<Int>
    let polar: UnsafeMutablePointer<Int>
    let hasCoordinates: Bool
    let xs: [Double]
    let ys: [Double]
    /// Granular neighbourhood in CSR form: neighbours of customer u are corr[corrStart[u]..<corrStart[u+1]].
    let corrStart: UnsafeMutablePointer<Int>
    let corr: UnsafeMutablePointer<Int>
    let corrCount: Int
    let maxDist: Int
    let maxDemand: Int
    let totalDemand: Int

    init(instance: CVRPInstance, granularity: Int) {
        n = instance.dimension
        nC = n - 1
        capacity = instance.capacity
        totalDemand = instance.totalDemand
        let estimate = Int((1.3 * Double(totalDemand) / Double(max(1, capacity))).rounded(.up)) + 3
        if let mv = instance.maxVehicles {
            nbVehicles = max(1, mv)
            fleetIsLimited = true
        } else {
            nbVehicles = max(1, min(nC, estimate))
            fleetIsLimited = false
        }
        let nn = instance.dimension * instance.dimension
        let dd = UnsafeMutablePointer<Int32>.allocate(capacity: nn)
        instance.distances.withUnsafeBufferPointer { src in
            for i in 0..<nn { dd[i] = src[i] }
        }
        dist = dd
        demand = .allocate(capacity: n)
        var md = 0
        for i in 0..<n { demand[i] = instance.demands[i]; md = max(md, instance.demands[i]) }
        maxDemand = md
        var mx: Int32 = 0
        for i in 0..<(n * n) { mx = max(mx, dist[i]) }
        maxDist = Int(mx)
        polar = .allocate(capacity: n)
        if let x = instance.xs, let y = instance.ys {
            hasCoordinates = true
            xs = x; ys = y
            for i in 0..<n {
                let a = atan2(y[i] - y[0], x[i] - x[0])  // -pi...pi
                var p = Int((a / (2 * Double.pi) * 65536).rounded(.down))
                p = ((p % 65536) + 65536) % 65536
                polar[i] = p
            }
        } else {
            hasCoordinates = false
            xs = []; ys = []
            for i in 0..<n { polar[i] = 0 }
        }
        // Granular neighbourhood: the `granularity` closest customers of each customer, symmetrised.
        let g = max(0, min(granularity, nC - 1))
        var sets = [[Int]](repeating: [], count: n)
        if g > 0 {
            var cand: [(Int, Int)] = []
            cand.reserveCapacity(nC)
            for i in 1..<n {
                cand.removeAll(keepingCapacity: true)
                for j in 1..<n where j != i {
                    let dij = Int(dist[i * n + j]) + Int(dist[j * n + i])
                    cand.append((dij, j))
                }
                cand.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
                for k in 0..<g { sets[i].append(cand[k].1) }
            }
            // symmetrise: if j is close to i, i is tested with j too
            var extra = [[Int]](repeating: [], count: n)
            for i in 1..<n { for j in sets[i] where !sets[j].contains(i) { extra[j].append(i) } }
            for i in 1..<n { sets[i].append(contentsOf: extra[i]) }
        }
        corrStart = .allocate(capacity: n + 1)
        var total = 0
        for i in 0..<n { corrStart[i] = total; total += sets[i].count }
        corrStart[n] = total
        corrCount = total
        corr = .allocate(capacity: max(1, total))
        for i in 0..<n { for (k, j) in sets[i].enumerated() { corr[corrStart[i] + k] = j } }
    }

    deinit {
        dist.deallocate(); demand.deallocate(); polar.deallocate()
        corrStart.deallocate(); corr.deallocate()
    }

    @inline(__always) func d(_ i: Int, _ j: Int) -> Int { Int(dist[i &* n &+ j]) }
}
