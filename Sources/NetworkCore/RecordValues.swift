import Foundation
import XiangcunKit

/// The monthly figures of a station, as plain values.
public struct RecordValues: Sendable, Equatable, Codable {
    public var parcelsIn = 0
    public var parcelsOut = 0
    public var purchaseOrders = 0
    public var purchaseAmount = Money.zero
    public var saleOrders = 0
    public var saleAmount = Money.zero
    public var billPayments = 0
    public var otherServices = 0

    public init(parcelsIn: Int = 0, parcelsOut: Int = 0, purchaseOrders: Int = 0, purchaseAmount: Money = .zero, saleOrders: Int = 0,
                saleAmount: Money = .zero, billPayments: Int = 0, otherServices: Int = 0) {
        self.parcelsIn = parcelsIn; self.parcelsOut = parcelsOut; self.purchaseOrders = purchaseOrders; self.purchaseAmount = purchaseAmount
        self.saleOrders = saleOrders; self.saleAmount = saleAmount; self.billPayments = billPayments; self.otherServices = otherServices
    }

    /// Every figure by metric, for checks and tables (amounts in fen).
    public var metrics: [(RecordMetric, Int64)] {
        [(.parcelsIn, Int64(parcelsIn)), (.parcelsOut, Int64(parcelsOut)), (.purchaseOrders, Int64(purchaseOrders)),
         (.purchaseAmount, purchaseAmount.fen), (.saleOrders, Int64(saleOrders)), (.saleAmount, saleAmount.fen),
         (.billPayments, Int64(billPayments)), (.otherServices, Int64(otherServices))]
    }

    public func value(_ metric: RecordMetric) -> Int64 { metrics.first { $0.0 == metric }?.1 ?? 0 }

    /// Sets one figure: a count, or for the two amount metrics the amount in fen.
    public mutating func set(_ metric: RecordMetric, _ value: Int64) {
        let count = Int(clamping: value)
        switch metric {
        case .parcelsIn: parcelsIn = count
        case .parcelsOut: parcelsOut = count
        case .purchaseOrders: purchaseOrders = count
        case .purchaseAmount: purchaseAmount = Money(fen: value)
        case .saleOrders: saleOrders = count
        case .saleAmount: saleAmount = Money(fen: value)
        case .billPayments: billPayments = count
        case .otherServices: otherServices = count
        }
    }
}

public enum RecordMetric: String, Sendable, CaseIterable, Codable {
    case parcelsIn, parcelsOut, purchaseOrders, purchaseAmount, saleOrders, saleAmount, billPayments, otherServices

    public var messageKey: String { "network.record.\(rawValue)" }
    public var isMoney: Bool { self == .purchaseAmount || self == .saleAmount }
}

/// The rules every monthly record meets, however it arrives (form, import, API).
public enum RecordRules {
    /// Figures must not be negative nor past the bound; the month must have begun and must not
    /// lie before the facility's first recorded status (`since`): a station cannot report for a
    /// month before it existed.
    public static func validate(_ values: RecordValues, month: Month, since: Day? = nil, now: Date = Date()) -> ValidationFailure {
        var failure = ValidationFailure()
        for (metric, value) in values.metrics where value < 0 { failure.add(metric.rawValue, "network.error.negative") }
        for (metric, value) in values.metrics where value > 100_000_000_00 { failure.add(metric.rawValue, "error.invalid") }
        if month > Day(now).monthKey { failure.add("month", "network.error.futureMonth") }
        if let since, month < since.monthKey { failure.add("month", "network.error.beforeFacility") }
        return failure
    }
}
