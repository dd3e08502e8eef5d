import Audit
import FluentKit
import Foundation
import StatisticsCore
import XiangcunKit

/// 网络零售月度数据 — a county's official online retail figures for one month (fen).
public final class RetailMonthRecord: Model, @unchecked Sendable {
    public static let schema = "stats_retail_months"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    /// "2026-10"
    @Field(key: "month") public var month: String
    @Field(key: "total_fen") public var totalFen: Int64
    @Field(key: "physical_fen") public var physicalFen: Int64
    @Field(key: "farm_fen") public var farmFen: Int64
    @Field(key: "note") public var note: String
    /// Demo rows (示例).
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    public init() {}

    public var figures: RetailFigures { RetailFigures(total: Money(fen: totalFen), physical: Money(fen: physicalFen), farm: Money(fen: farmFen)) }
}

/// 店铺月度销售 — one enterprise's shop on one platform in one month (the breakdown behind the county figure).
public final class RetailShopRecord: Model, @unchecked Sendable {
    public static let schema = "stats_retail_shops"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "month") public var month: String
    /// 企业名称
    @Field(key: "enterprise") public var enterprise: String
    /// 店铺名称
    @Field(key: "shop") public var shop: String
    /// 平台 (淘宝, 拼多多, 抖音 …)
    @Field(key: "platform") public var platform: String
    @Field(key: "total_fen") public var totalFen: Int64
    @Field(key: "farm_fen") public var farmFen: Int64
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 平台汇总 — rollup of the shop rows per county, month and platform, written in the same
/// transaction as the shop rows (`RetailService`), checked by `StatisticsCheck`.
public final class RetailPlatformRollup: Model, @unchecked Sendable {
    public static let schema = "stats_retail_rollups"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "month") public var month: String
    @Field(key: "platform") public var platform: String
    @Field(key: "shops") public var shops: Int
    @Field(key: "total_fen") public var totalFen: Int64
    @Field(key: "farm_fen") public var farmFen: Int64
    public init() {}
}

/// 目标值 — a county's target for an indicator in a year (key as in `IndicatorCatalogue`).
public final class StatisticsTarget: Model, @unchecked Sendable {
    public static let schema = "stats_targets"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "year") public var year: Int
    @Field(key: "indicator") public var indicator: String
    /// Exact decimal text ("60", "18.5").
    @Field(key: "value") public var value: String
    public init() {}
}

enum StatisticsTables {
    static func create(on db: any Database) async throws {
        try await db.schema(RetailMonthRecord.schema).id()
            .field("county_code", .string, .required).field("month", .string, .required)
            .field("total_fen", .int64, .required).field("physical_fen", .int64, .required).field("farm_fen", .int64, .required)
            .field("note", .string, .required).field("sample", .bool, .required).field("updated_at", .datetime)
            .unique(on: "county_code", "month").create()
        try await db.schema(RetailShopRecord.schema).id()
            .field("county_code", .string, .required).field("month", .string, .required)
            .field("enterprise", .string, .required).field("shop", .string, .required).field("platform", .string, .required)
            .field("total_fen", .int64, .required).field("farm_fen", .int64, .required).field("sample", .bool, .required)
            .unique(on: "county_code", "month", "platform", "shop").create()
        try await db.createIndex("stats_retail_shops_county_month", on: RetailShopRecord.schema, columns: ["county_code", "month"])
        try await db.schema(RetailPlatformRollup.schema).id()
            .field("county_code", .string, .required).field("month", .string, .required).field("platform", .string, .required)
            .field("shops", .int, .required).field("total_fen", .int64, .required).field("farm_fen", .int64, .required)
            .unique(on: "county_code", "month", "platform").create()
        try await db.schema(StatisticsTarget.schema).id()
            .field("county_code", .string, .required).field("year", .int, .required).field("indicator", .string, .required)
            .field("value", .string, .required)
            .unique(on: "county_code", "year", "indicator").create()
    }

    static func delete(on db: any Database) async throws {
        for t in [StatisticsTarget.schema, RetailPlatformRollup.schema, RetailShopRecord.schema, RetailMonthRecord.schema] { try await db.schema(t).delete() }
    }
}
