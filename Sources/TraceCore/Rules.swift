import XiangcunKit

/// 农药安全间隔期: the days that must pass between spraying a pesticide and harvesting.
public enum SafetyInterval {
    /// One pesticide application on a batch's field.
    public struct Application: Sendable, Equatable {
        public var pesticide: String
        public var appliedOn: Day
        public var intervalDays: Int
        public init(pesticide: String, appliedOn: Day, intervalDays: Int) {
            self.pesticide = pesticide
            self.appliedOn = appliedOn
            self.intervalDays = intervalDays
        }
        /// The first day the crop may be harvested after this application.
        public var earliestHarvest: Day { appliedOn.adding(days: intervalDays) }
    }

    /// The applications a harvest on `harvest` falls inside, latest-clearing first (empty: allowed).
    public static func violations(harvest: Day, _ applications: [Application]) -> [Application] {
        applications.filter { $0.appliedOn <= harvest && harvest < $0.earliestHarvest }
            .sorted { $0.earliestHarvest > $1.earliestHarvest }
    }
}

/// 区域公用品牌授权: who may put the county brand on which product, and when.
public enum BrandRule {
    public struct Grant: Sendable, Equatable {
        public var producer: String
        /// nil: every product of the producer.
        public var product: String?
        public var from: Day
        public var to: Day
        public var revokedOn: Day?
        public init(producer: String, product: String?, from: Day, to: Day, revokedOn: Day? = nil) {
            self.producer = producer
            self.product = product
            self.from = from
            self.to = to
            self.revokedOn = revokedOn
        }
    }

    /// Why a brand may not be used (message keys `trace.brand.refused.<rawValue>`).
    public enum Refusal: String, Sendable, Error {
        case noGrant, otherProduct, notYet, expired, revoked
    }

    /// Allowed (nil) or the most telling refusal among the producer's grants for this brand.
    public static func check(producer: String, product: String, on day: Day, grants: [Grant]) -> Refusal? {
        let own = grants.filter { $0.producer == producer }
        guard !own.isEmpty else { return .noGrant }
        let forProduct = own.filter { $0.product == nil || $0.product == product }
        guard !forProduct.isEmpty else { return .otherProduct }
        if forProduct.contains(where: { $0.from <= day && day <= $0.to && ($0.revokedOn.map { day < $0 } ?? true) }) { return nil }
        if forProduct.contains(where: { $0.revokedOn.map { $0 <= day } ?? false }) { return .revoked }
        if forProduct.allSatisfy({ day < $0.from }) { return .notYet }
        return .expired
    }
}

/// Certificates (绿色食品, 有机, 地理标志, SC 生产许可) and when to warn before they lapse.
public enum Certificate {
    public static let kinds = ["green", "organic", "geographicalIndication", "scLicence"]
    /// Warn this many days before a certificate's last valid day.
    public static let warningDays = 60

    public enum State: String, Sendable { case valid, expiring, expired, notYet }

    public static func state(from: Day, to: Day, on day: Day) -> State {
        if day < from { return .notYet }
        if day > to { return .expired }
        return day.days(until: to) <= warningDays ? .expiring : .valid
    }
}
