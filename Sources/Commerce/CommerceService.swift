import Audit
import CommerceCore
import Divisions
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// Every change to the live-commerce, village, park, assistance and publicity ledgers, each in
/// one transaction with its audit entry (money in fen; ID numbers masked in the trail).
public enum CommerceService {
    static func audit(_ tx: any Database, _ actor: AuditActor, _ entity: String, _ id: UUID?, _ county: String, _ values: AuditValues) async throws {
        try await AuditLog.record(on: tx, actor: actor, action: .create, entity: entity, entityID: id?.uuidString ?? "", county: county, new: values)
    }

    /// A live room of the county (a network facility of type liveRoom), or a field error.
    static func liveRoom(_ id: UUID?, county: DivisionCode, on db: any Database) async throws -> Facility? {
        guard let id else { return nil }
        let f = try await NetworkQueries.facility(id, county: county, on: db)
        guard let f, f.facilityType == .liveRoom else { throw ValidationFailure(["room": "error.invalid"]) }
        return f
    }

    public static func addLiveEvent(_ i: LiveEventInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> LiveEvent {
        var f = ValidationFailure()
        let room = CommerceRulesCheck.uuid(i.room, field: "room", required: true, into: &f)
        let anchor = CommerceRulesCheck.uuid(i.anchor, field: "anchor", required: false, into: &f)
        let day = FieldRules.factDay(i.day, field: "day", into: &f)
        let title = FieldRules.name(i.title, field: "title", into: &f)
        let products = FieldRules.text(i.products, field: "products", limit: 500, into: &f)
        let minutes = CommerceRulesCheck.count(i.minutes, field: "minutes", limit: 24 * 60, into: &f)
        let viewers = CommerceRulesCheck.count(i.viewers, field: "viewers", blankIsZero: true, into: &f)
        let orders = CommerceRulesCheck.count(i.orders, field: "orders", blankIsZero: true, into: &f)
        let gmv = CommerceRulesCheck.yuanOrZero(i.gmvYuan, field: "gmvYuan", into: &f)
        try f.throwIfAny()
        guard let day, let title, let minutes, let viewers, let orders, let gmv else { throw f }
        _ = try await liveRoom(room, county: county, on: db)
        if let anchor, try await Anchor.query(on: db).filter(\.$id == anchor).filter(\.$countyCode == county.value).first() == nil {
            throw ValidationFailure(["anchor": "error.invalid"])
        }
        let e = LiveEvent()
        e.countyCode = county.value; e.roomID = room ?? UUID(); e.anchorID = anchor; e.heldOn = day.iso; e.title = title; e.products = products
        e.minutes = minutes; e.viewers = viewers; e.orders = orders; e.gmvFen = gmv.fen; e.sample = sample
        try await db.writeTransaction { tx in
            try await e.create(on: tx)
            try await audit(tx, actor, LiveEvent.schema, e.id, county.value, ["title": title, "day": day.iso, "room": e.roomID.uuidString,
                                                                              "viewers": "\(viewers)", "orders": "\(orders)", "gmv": gmv.yuanText])
        }
        return e
    }

    public static func addAnchor(_ i: AnchorInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> Anchor {
        var f = ValidationFailure()
        let name = FieldRules.name(i.name, field: "name", limit: 40, into: &f)
        let platform = FieldRules.name(i.platform, field: "platform", limit: 40, into: &f)
        let account = FieldRules.name(i.account, field: "account", limit: 60, into: &f)
        let followers = CommerceRulesCheck.count(i.followers, field: "followers", into: &f)
        let day = FieldRules.factDay(i.day, field: "day", into: &f)
        try f.throwIfAny()
        guard let name, let platform, let account, let followers, let day else { throw f }
        if try await Anchor.query(on: db).filter(\.$countyCode == county.value).filter(\.$platform == platform).filter(\.$account == account).first() != nil {
            throw ValidationFailure(["account": "error.taken"])
        }
        let a = Anchor()
        a.countyCode = county.value; a.name = name; a.platform = platform; a.account = account; a.followers = followers; a.sample = sample
        try await db.writeTransaction { tx in
            try await a.create(on: tx)
            try await AnchorFollowers(county: county.value, anchor: try a.requireID(), day: day, followers: followers).create(on: tx)
            try await audit(tx, actor, Anchor.schema, a.id, county.value, ["name": name, "platform": platform, "account": account, "followers": "\(followers)"])
        }
        return a
    }

    /// A follower count on a day; the anchor's current count is the latest day's.
    public static func recordFollowers(_ anchor: Anchor, followers raw: String, day rawDay: String, actor: AuditActor, on db: any Database) async throws {
        var f = ValidationFailure()
        let followers = CommerceRulesCheck.count(raw, field: "followers", into: &f)
        let day = FieldRules.factDay(rawDay, field: "day", into: &f)
        try f.throwIfAny()
        guard let followers, let day else { throw f }
        let id = try anchor.requireID()
        try await db.writeTransaction { tx in
            try await AnchorFollowers.query(on: tx).filter(\.$anchorID == id).filter(\.$countedOn == day.iso).delete()
            try await AnchorFollowers(county: anchor.countyCode, anchor: id, day: day, followers: followers).create(on: tx)
            let counts = try await AnchorFollowers.query(on: tx).filter(\.$anchorID == id).all()
                .compactMap { c in Day(c.countedOn).map { (anchor: id, day: $0, followers: c.followers) } }
            let old = anchor.followers
            anchor.followers = AnchorRules.latest(counts, asOf: .today())[id] ?? followers
            try await anchor.save(on: tx)
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: Anchor.schema, entityID: id.uuidString, county: anchor.countyCode,
                                             old: ["followers": "\(old)"], new: ["followers": "\(anchor.followers)", "countedOn": day.iso])
        }
    }
}

extension CommerceService {
    /// Designates a live room as a live base (直播基地) from a day; once per room.
    public static func designateLiveBase(room: String, day rawDay: String, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> LiveBase {
        var f = ValidationFailure()
        let id = CommerceRulesCheck.uuid(room, field: "room", required: true, into: &f)
        let day = FieldRules.factDay(rawDay, field: "day", into: &f)
        try f.throwIfAny()
        guard let day, let facility = try await liveRoom(id, county: county, on: db), let fid = facility.id else { throw f }
        if try await LiveBase.query(on: db).filter(\.$facilityID == fid).first() != nil { throw ValidationFailure(["room": "error.taken"]) }
        let base = LiveBase(county: county.value, facility: fid, day: day)
        try await db.writeTransaction { tx in
            try await base.create(on: tx)
            try await audit(tx, actor, LiveBase.schema, base.id, county.value, ["room": facility.name, "day": day.iso])
        }
        return base
    }
}
