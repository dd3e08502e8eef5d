/// One improvement of the best feasible solution during a search: when it was found (seconds
/// since the solver started) and its cost. Benchmarks read the time a solver needs to come
/// within a given distance of the best-known solution from these points.
public struct ImprovementPoint: Sendable, Equatable {
    public var seconds: Double
    public var cost: Int
    public init(seconds: Double, cost: Int) {
        self.seconds = seconds
        self.cost = cost
    }
}

extension Array where Element == ImprovementPoint {
    /// Seconds until the first feasible solution with cost ≤ `target` (nil: never reached).
    public func timeToReach(_ target: Int) -> Double? {
        first { $0.cost <= target }?.seconds
    }

    /// Seconds until the search first came within `percent` % of `reference` (nil: never).
    /// `cost ≤ reference × (1 + percent / 100)`, compared in integers as far as possible.
    public func timeToWithin(_ percent: Double, of reference: Int) -> Double? {
        first { Double($0.cost) <= Double(reference) * (1 + percent / 100) }?.seconds
    }

    /// Appends a point only when it improves on the last one (a trace is strictly decreasing).
    mutating func record(_ seconds: Double, _ cost: Int) {
        if let last = self.last, last.cost <= cost { return }
        append(ImprovementPoint(seconds: seconds, cost: cost))
    }
}
