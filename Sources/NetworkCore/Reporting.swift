import Foundation
import XiangcunKit

/// Reporting completeness of monthly operating records, the way DHIS2 shows it.
///
/// * Expected reports for month M: stations (village stations, township stations, logistics
///   hubs, commerce centres) whose status was *operating* at the end of M's last day.
/// * Reporting rate: expected stations that have a record for M ÷ expected.
/// * On-time rate: expected stations whose record for M was first submitted before the
///   deadline (end of the 10th day of month M+1, Beijing time) ÷ expected.
public enum ReportingRules {
    public static let deadlineDay = 10

    /// A month's record is on time when it was first submitted before the month's deadline. The
    /// one statement of the rule: the reporting figures, the station page and the API ask here.
    public static func isOnTime(submittedAt: Date, month: Month) -> Bool { submittedAt < month.deadline }

    public struct Submission: Sendable {
        public var facilityID: UUID
        public var month: Month
        public var submittedAt: Date
        public init(facilityID: UUID, month: Month, submittedAt: Date) { self.facilityID = facilityID; self.month = month; self.submittedAt = submittedAt }
    }

    public struct Completeness: Sendable, Codable, Equatable {
        public var month: String
        public var expected: Int
        public var reported: Int
        public var onTime: Int
        /// Expected stations with no record.
        public var missing: [UUID]
        /// Expected stations whose record came after the deadline.
        public var late: [UUID]

        public var reportingRate: Rate? { Rate(Int64(reported), of: Int64(expected)) }
        public var onTimeRate: Rate? { Rate(Int64(onTime), of: Int64(expected)) }
    }

    public static func completeness(month: Month, facilities: [FacilitySnapshot], submissions: [Submission]) -> Completeness {
        let expected = facilities.filter { $0.type.reportsMonthly && $0.status(asOf: month.lastDay) == .operating }
        var firstSubmission: [UUID: Date] = [:]
        for s in submissions where s.month == month {
            firstSubmission[s.facilityID] = min(firstSubmission[s.facilityID] ?? s.submittedAt, s.submittedAt)
        }
        var reported = 0, onTime = 0
        var missing: [UUID] = [], late: [UUID] = []
        for f in expected {
            guard let at = firstSubmission[f.id] else { missing.append(f.id); continue }
            reported += 1
            if isOnTime(submittedAt: at, month: month) { onTime += 1 } else { late.append(f.id) }
        }
        return Completeness(month: month.text, expected: expected.count, reported: reported, onTime: onTime, missing: missing, late: late)
    }
}

/// Plausibility of a monthly record against the station's own history.
public enum Plausibility {
    /// A figure more than `factor` × the station's median of earlier months is flagged.
    public static let factor: Int64 = 10
    /// Months of history needed before anything is flagged.
    public static let minimumHistory = 3
    /// How many earlier months the median looks at.
    public static let window = 12

    public struct Warning: Sendable, Equatable, Codable {
        public var metric: RecordMetric
        public var value: Int64
        public var median: Int64
    }

    /// Warnings for `new`, given earlier records (any order; the latest `window` by month are used).
    public static func check(_ new: RecordValues, history: [(Month, RecordValues)], month: Month) -> [Warning] {
        let earlier = history.filter { $0.0 < month }.sorted { $0.0 > $1.0 }.prefix(window).map(\.1)
        guard earlier.count >= minimumHistory else { return [] }
        var warnings: [Warning] = []
        for metric in RecordMetric.allCases {
            let m = median(earlier.map { $0.value(metric) })
            let v = new.value(metric)
            if m > 0, v > m * factor { warnings.append(Warning(metric: metric, value: v, median: m)) }
        }
        return warnings
    }

    /// Median (lower middle for an even count, so the check stays in integers).
    public static func median(_ values: [Int64]) -> Int64 {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[(sorted.count - 1) / 2]
    }
}
