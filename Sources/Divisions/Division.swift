import FluentKit
import Foundation
import Audit
import XiangcunKit

/// An administrative division (行政区划) keyed by its 12-digit NBS code.
/// Rows are never deleted: a unit missing from a newer list is marked inactive.
public final class Division: Model, @unchecked Sendable {
    public static let schema = "divisions"

    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @Field(key: "level") public var level: Int
    @OptionalField(key: "parent_code") public var parentCode: String?
    /// The county the unit lies in (itself for a county); nil above county level.
    @OptionalField(key: "county_code") public var countyCode: String?
    /// 街道 / 镇 / 乡 for townships, from the code range.
    @OptionalField(key: "township_kind") public var townshipKind: String?
    /// NBS urban-rural class (城乡分类代码, e.g. 220 = 村庄) for villages when known.
    @OptionalField(key: "urban_rural_class") public var urbanRuralClass: String?
    @Field(key: "active") public var active: Bool
    /// ISO day a newer list first named the unit; nil: named since the first list of its area.
    @OptionalField(key: "listed_from") public var listedFrom: String?
    /// ISO day a newer list stopped naming it (set with `active = false`, cleared when it returns).
    @OptionalField(key: "delisted_on") public var delistedOn: String?
    /// Demo villages invented for the sample county are flagged so nobody mistakes them for real.
    @Field(key: "sample") public var sample: Bool
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(code: DivisionCode, name: String, urbanRuralClass: String? = nil, sample: Bool = false) {
        self.id = code.value
        self.name = name
        self.level = code.level.rawValue
        self.parentCode = code.parent?.value
        self.countyCode = code.county?.value
        self.townshipKind = code.townshipKind?.rawValue
        self.urbanRuralClass = urbanRuralClass
        self.active = true
        self.sample = sample
    }

    public var code: DivisionCode? { id.flatMap { try? DivisionCode($0) } }

    /// Whether the unit was on the list at the end of `day` (history from list imports).
    public func listed(on day: Day) -> Bool {
        Self.listed(on: day, from: listedFrom, delisted: delistedOn, active: active)
    }

    /// The same from the columns, for readers that do not decode whole models.
    public static func listed(on day: Day, from listedFrom: String?, delisted delistedOn: String?, active: Bool) -> Bool {
        let from = listedFrom.flatMap { Day($0) }, until = delistedOn.flatMap { Day($0) }
        guard from.map({ $0 <= day }) ?? true else { return false }
        if active { return true }
        return until.map { day < $0 } ?? false
    }
    public var divisionLevel: DivisionLevel { DivisionLevel(rawValue: level) ?? .village }
}

public struct CreateDivisions: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(Division.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("level", .int, .required)
            .field("parent_code", .string)
            .field("county_code", .string)
            .field("township_kind", .string)
            .field("urban_rural_class", .string)
            .field("active", .bool, .required)
            .field("listed_from", .string)
            .field("delisted_on", .string)
            .field("sample", .bool, .required)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("divisions_parent", on: Division.schema, columns: ["parent_code"])
        try await database.createIndex("divisions_county_level", on: Division.schema, columns: ["county_code", "level"])
    }

    public func revert(on database: any Database) async throws {
        try await database.schema(Division.schema).delete()
    }
}
