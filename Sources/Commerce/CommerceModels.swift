import FluentKit
import Foundation
import XiangcunKit

/// 主播 — a live-commerce anchor (host) with an account on a platform.
public final class Anchor: Model, @unchecked Sendable {
    public static let schema = "commerce_anchors"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    @Field(key: "platform") public var platform: String
    @Field(key: "account") public var account: String
    /// Latest follower count recorded (the history is in `commerce_anchor_followers`).
    @Field(key: "followers") public var followers: Int
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 粉丝数 — an anchor's follower count on a day (kept, so the count at any past day is known).
public final class AnchorFollowers: Model, @unchecked Sendable {
    public static let schema = "commerce_anchor_followers"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "anchor_id") public var anchorID: UUID
    @Field(key: "counted_on") public var countedOn: String
    @Field(key: "followers") public var followers: Int
    public init() {}
    public init(county: String, anchor: UUID, day: Day, followers: Int) { countyCode = county; anchorID = anchor; countedOn = day.iso; self.followers = followers }
}

/// 直播场次 — one live-selling event in a live room (a network facility of type liveRoom).
public final class LiveEvent: Model, @unchecked Sendable {
    public static let schema = "commerce_live_events"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "room_id") public var roomID: UUID
    @OptionalField(key: "anchor_id") public var anchorID: UUID?
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "title") public var title: String
    @Field(key: "products") public var products: String
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "viewers") public var viewers: Int
    @Field(key: "orders") public var orders: Int
    /// 成交额 in fen.
    @Field(key: "gmv_fen") public var gmvFen: Int64
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 电商专业村 / 特色村（镇） — a place the county develops and declares for recognition.
public final class CommerceVillage: Model, @unchecked Sendable {
    public static let schema = "commerce_villages"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "division_code") public var divisionCode: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: String
    /// The criteria the county uses: yearly online sales (fen), active online shops, share of households selling online (‰).
    @Field(key: "online_sales_fen") public var onlineSalesFen: Int64
    @Field(key: "active_shops") public var activeShops: Int
    @Field(key: "household_share_permille") public var householdSharePermille: Int
    @Field(key: "status") public var status: String
    @Field(key: "status_since") public var statusSince: String
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 产业园入驻企业 — an enterprise of the e-commerce park with one year's online sales.
public final class ParkEnterprise: Model, @unchecked Sendable {
    public static let schema = "commerce_park_enterprises"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    @Field(key: "credit_code") public var creditCode: String
    @Field(key: "year") public var year: Int
    @Field(key: "online_sales_fen") public var onlineSalesFen: Int64
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 帮扶对象户 — a (formerly) poor household helped through e-commerce. Personal data: masked.
public final class AssistedHousehold: Model, @unchecked Sendable {
    public static let schema = "commerce_households"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "head_name") public var headName: String
    @Field(key: "id_number") public var idNumber: String
    @Field(key: "village") public var village: String
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 帮扶举措 — one help action: training, a help-sale (quantity × price, premium over the market
/// price) or jobs, for a household or (`paired`) for the paired county.
public final class HelpAction: Model, @unchecked Sendable {
    public static let schema = "commerce_help_actions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @OptionalField(key: "household_id") public var householdID: UUID?
    @Field(key: "paired") public var paired: Bool
    @Field(key: "kind") public var kind: String
    @Field(key: "happened_on") public var happenedOn: String
    @Field(key: "product") public var product: String
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "unit") public var unit: String
    @Field(key: "unit_price_fen") public var unitPriceFen: Int64
    @Field(key: "premium_fen") public var premiumFen: Int64
    @Field(key: "amount_fen") public var amountFen: Int64
    @Field(key: "jobs") public var jobs: Int
    @Field(key: "note") public var note: String
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 对口帮扶产品上架 — a product of the paired county listed on a platform (one row per product and platform).
public final class PairedProduct: Model, @unchecked Sendable {
    public static let schema = "commerce_paired_products"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "product") public var product: String
    @Field(key: "platform") public var platform: String
    @Field(key: "listed_on") public var listedOn: String
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 宣传活动 / 规划文件 — publicity events (with reach) and plan documents, evidence attached.
public final class PublicityItem: Model, @unchecked Sendable {
    public static let schema = "commerce_publicity"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "happened_on") public var happenedOn: String
    @Field(key: "reach") public var reach: Int
    @Field(key: "sample") public var sample: Bool
    public init() {}
}

/// 直播基地 — a live room the county designated as a (demonstration) live base, from a day.
public final class LiveBase: Model, @unchecked Sendable {
    public static let schema = "commerce_live_bases"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "facility_id") public var facilityID: UUID
    @Field(key: "designated_on") public var designatedOn: String
    public init() {}
    public init(county: String, facility: UUID, day: Day) { countyCode = county; facilityID = facility; designatedOn = day.iso }
}
