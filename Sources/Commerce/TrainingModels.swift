import FluentKit
import Foundation
import XiangcunKit

/// 培训场次 — one training session. County-owned; `paired` marks sessions held for the paired
/// county (东西协作), which count under assistance, not under the county's own training.
public final class TrainingSession: Model, @unchecked Sendable {
    public static let schema = "commerce_training_sessions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "held_on") public var heldOn: String
    @Field(key: "place") public var place: String
    @Field(key: "trainer") public var trainer: String
    /// 组织承办企业 (free text, as in the network).
    @Field(key: "contractor_name") public var contractorName: String
    /// Tenths of an hour (a 3.5-hour session is 35), so no floating point.
    @Field(key: "hours_tenths") public var hoursTenths: Int
    @Field(key: "materials") public var materials: String
    @Field(key: "paired") public var paired: Bool
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}

    public var hours: Decimal { Decimal(hoursTenths) / 10 }
    public var day: Day? { Day(heldOn) }
}

/// 参训人员 — a person who attended at least one session, identified by ID number within the county.
/// Personal data: the ID number and phone are masked for roles that do not need them; every
/// view of an unmasked ID number is audited.
public final class Trainee: Model, @unchecked Sendable {
    public static let schema = "commerce_trainees"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "name") public var name: String
    @Field(key: "id_number") public var idNumber: String
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "township_code") public var townshipCode: String?
    @Field(key: "village") public var village: String
    /// Group codes joined by commas (`AttendeeGroup.encode`).
    @Field(key: "groups") public var groups: String
    /// 电商创业带头人, with the day they were named.
    @OptionalField(key: "leader_since") public var leaderSince: String?
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}

    public var maskedIDNumber: String { Identifiers.maskIDNumber(idNumber) }
    public var maskedPhone: String? { phone.map(Identifiers.maskPhone) }
    public var isLeader: Bool { leaderSince != nil }
}

/// 签到 — one person at one session (unique per pair: the same person signed twice counts once).
public final class Attendance: Model, @unchecked Sendable {
    public static let schema = "commerce_attendances"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "session_id") public var sessionID: UUID
    @Field(key: "trainee_id") public var traineeID: UUID
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
    public init(county: String, session: UUID, trainee: UUID) { countyCode = county; sessionID = session; traineeID = trainee }
}

/// 跟踪回访 / 转化 — what a trained person went on to do, with the day (evidence files attach to it).
public final class Conversion: Model, @unchecked Sendable {
    public static let schema = "commerce_conversions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "county_code") public var countyCode: String
    @Field(key: "trainee_id") public var traineeID: UUID
    @Field(key: "kind") public var kind: String
    @Field(key: "happened_on") public var happenedOn: String
    @Field(key: "note") public var note: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    public init() {}
}
