import Foundation
import XiangcunKit

/// 主播粉丝 — the threshold the programme counts anchors at ("粉丝数不少于 10 万").
public enum AnchorRules {
    public static let fanThreshold = 100_000

    /// The latest follower count of each anchor on or before `day` (day, count pairs per anchor).
    public static func latest<ID: Hashable>(_ counts: [(anchor: ID, day: Day, followers: Int)], asOf day: Day) -> [ID: Int] {
        var best: [ID: (Day, Int)] = [:]
        for c in counts where c.day <= day {
            if let current = best[c.anchor], current.0 > c.day { continue }
            best[c.anchor] = (c.day, c.followers)
        }
        return best.mapValues(\.1)
    }

    /// Anchors whose latest count reaches the threshold.
    public static func countAtThreshold<ID: Hashable>(_ latest: [ID: Int], threshold: Int = fanThreshold) -> Int {
        latest.values.filter { $0 >= threshold }.count
    }
}

/// 电商产业园企业网络销售额分档 — the tiers the plan counts park enterprises in (≥1000 万, ≥500 万,
/// ≥300 万, ≥100 万 元 a year). Each enterprise counts in every tier it reaches.
public enum SalesTier: Int, Sendable, CaseIterable, Codable {
    case tenMillion = 10_000_000, fiveMillion = 5_000_000, threeMillion = 3_000_000, oneMillion = 1_000_000

    public var threshold: Money { Money(fen: Int64(rawValue) * 100) }
    public var key: String {
        switch self { case .tenMillion: return "10m"; case .fiveMillion: return "5m"; case .threeMillion: return "3m"; case .oneMillion: return "1m" }
    }
    public var messageKey: String { "commerce.tier.\(key)" }

    /// How many of `sales` reach each tier.
    public static func counts(_ sales: [Money]) -> [SalesTier: Int] {
        Dictionary(uniqueKeysWithValues: allCases.map { tier in (tier, sales.filter { $0 >= tier.threshold }.count) })
    }
}

/// 电商专业村 / 特色村（镇） — the kinds of recognised place and their path to recognition.
public enum CommerceVillageKind: String, Sendable, CaseIterable, Codable {
    case specialisedVillage, featuredVillage, specialisedTown, featuredTown
    public var messageKey: String { "commerce.villageKind.\(rawValue)" }
}

public enum RecognitionStatus: String, Sendable, CaseIterable, Codable {
    /// 培育对象 → 已申报 → 已认定
    case candidate, declared, recognised
    public var messageKey: String { "commerce.status.\(rawValue)" }

    /// Status moves forward one step at a time (a recognised place may also go back to candidate when delisted).
    public func canMove(to next: RecognitionStatus) -> Bool {
        switch (self, next) {
        case (.candidate, .declared), (.declared, .recognised), (.declared, .candidate), (.recognised, .candidate): return true
        default: return false
        }
    }
}

/// 乡镇商贸中心 — the plan's standard: ≥2,000 m², ≥6,000 product lines, serving ≥20,000 people.
public enum CommerceCentreStandard {
    public static let minArea = 2_000, minSKU = 6_000, minPopulation = 20_000

    public static func meets(area: Int?, sku: Int?, population: Int?) -> Bool {
        (area ?? 0) >= minArea && (sku ?? 0) >= minSKU && (population ?? 0) >= minPopulation
    }
}

/// 电商帮扶 — the kinds of help recorded for a household or the paired county.
public enum HelpKind: String, Sendable, CaseIterable, Codable {
    /// 培训 / 助销（消费帮扶）/ 就业
    case training, helpSale, job
    public var messageKey: String { "assistance.kind.\(rawValue)" }
}

/// Amounts of a help-sale (助销), exact in fen: quantity × price, and the premium paid over
/// the market price (quantity × premium per unit).
public enum HelpSale {
    public static func amount(quantity: Int, unitPrice: Money) -> Money { Money(fen: Int64(quantity) * unitPrice.fen) }
    public static func premium(quantity: Int, premiumPerUnit: Money) -> Money { Money(fen: Int64(quantity) * premiumPerUnit.fen) }
}

/// 宣传 / 规划 — publicity events and plan documents.
public enum PublicityKind: String, Sendable, CaseIterable, Codable {
    /// 宣传活动 / 媒体报道 / 规划文件
    case event, media, plan
    public var messageKey: String { "publicity.kind.\(rawValue)" }
}
