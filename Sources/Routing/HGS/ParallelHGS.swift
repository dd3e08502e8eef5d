import Foundation

/// Runs `threads` independent HGS searches (seeds seed, seed+1, …) in parallel and keeps the best.
public enum ParallelHGS {
    private final class Results: @unchecked Sendable {
        let lock = NSLock()
        var items: [(Int, SolveResult)] = []
        func add(_ i: Int, _ r: SolveResult) { lock.lock(); items.append((i, r)); lock.unlock() }
    }

    public static func solve(instance: CVRPInstance, parameters: HGSParameters, threads: Int) -> SolveResult {
        if threads <= 1 { return HGSSolver(instance: instance, parameters: parameters).solve() }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: threads) { i in
            var p = parameters
            p.seed = parameters.seed &+ UInt64(i)
            results.add(i, HGSSolver(instance: instance, parameters: p).solve())
        }
        let sorted = results.items.sorted { $0.0 < $1.0 }.map(\.1)
        var best = sorted[0]
        for r in sorted.dropFirst() {
            if let c = r.solution?.cost, c < (best.solution?.cost ?? Int.max) { best = r }
        }
        best.iterations = sorted.reduce(0) { $0 + $1.iterations }
        best.timeToFirstFeasible = sorted.compactMap(\.timeToFirstFeasible).min()
        best.totalTime = sorted.map(\.totalTime).max() ?? best.totalTime
        return best
    }
}
