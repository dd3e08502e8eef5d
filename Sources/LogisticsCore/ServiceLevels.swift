import Foundation

/// Days from centre intake to station arrival, kept as a histogram (0, 1, … 5+ days) so the
/// daily rollup can add them up and the median / p90 never need the raw scans.
public struct TransitHistogram: Sendable, Equatable {
    public static let buckets = 6
    public var counts: [Int]

    public init(_ counts: [Int] = Array(repeating: 0, count: buckets)) {
        self.counts = counts.count == Self.buckets ? counts : Array(repeating: 0, count: Self.buckets)
    }

    public static func bucket(days: Int) -> Int { min(max(0, days), buckets - 1) }

    public var total: Int { counts.reduce(0, +) }

    public static func + (l: Self, r: Self) -> Self { Self(zip(l.counts, r.counts).map { $0 + $1 }) }

    /// The smallest day count within which `fraction` of the parcels arrived (5 means "5 or more").
    public func percentile(_ fraction: Double) -> Int? {
        guard total > 0 else { return nil }
        let needed = Int((Double(total) * fraction).rounded(.up))
        var running = 0
        for (days, n) in counts.enumerated() {
            running += n
            if running >= max(1, needed) { return days }
        }
        return Self.buckets - 1
    }

    public var median: Int? { percentile(0.5) }
    public var p90: Int? { percentile(0.9) }

    /// Share of parcels that reached their station within 2 days of intake, in basis points.
    public var withinTwoDaysBasisPoints: Int? {
        guard total > 0 else { return nil }
        return (counts[0] + counts[1] + counts[2]) * 10_000 / total
    }
}
