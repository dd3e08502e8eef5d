import Foundation
import XiangcunKit

extension Month {
    /// The reporting deadline of a station's monthly record: the end of the 10th day of the
    /// next month, Beijing time.
    public var deadline: Date { Day.of(next.year, next.month, ReportingRules.deadlineDay).endInstant }
}
