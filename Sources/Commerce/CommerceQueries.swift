import CommerceCore
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// Reads of the live-commerce, village, park and assistance ledgers, always within one county.
public enum CommerceQueries {
    /// The county's live rooms (network facilities) with the day each became a live base, if it did.
    public static func liveRooms(county: DivisionCode, on db: any Database) async throws -> [(room: Facility, baseSince: String?)] {
        let rooms = try await Facility.query(on: db).filter(\.$countyCode == county.value).filter(\.$type == FacilityType.liveRoom.rawValue).sort(\.$name).all()
        let bases = try await LiveBase.query(on: db).filter(\.$countyCode == county.value).all()
        let since = Dictionary(bases.map { ($0.facilityID, $0.designatedOn) }, uniquingKeysWith: { a, _ in a })
        return rooms.map { ($0, $0.id.flatMap { since[$0] }) }
    }

    public static func commerceCentres(county: DivisionCode, on db: any Database) async throws -> [Facility] {
        try await Facility.query(on: db).filter(\.$countyCode == county.value).filter(\.$type == FacilityType.commerceCentre.rawValue).sort(\.$name).all()
    }

    public static func liveEvents(county: DivisionCode, page: Int, per: Int, on db: any Database) async throws -> (items: [LiveEvent], total: Int) {
        let q = LiveEvent.query(on: db).filter(\.$countyCode == county.value)
        let total = try await q.copy().count()
        return (try await q.sort(\.$heldOn, .descending).range(((page - 1) * per)..<(page * per)).all(), total)
    }

    public static func anchors(county: DivisionCode, on db: any Database) async throws -> [Anchor] {
        try await Anchor.query(on: db).filter(\.$countyCode == county.value).sort(\.$followers, .descending).all()
    }

    /// Every anchor's follower counts of the county, oldest first.
    public static func followerHistory(county: DivisionCode, on db: any Database) async throws -> [UUID: [AnchorFollowers]] {
        Dictionary(grouping: try await AnchorFollowers.query(on: db).filter(\.$countyCode == county.value).sort(\.$countedOn).all(), by: \.anchorID)
    }

    public static func anchor(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> Anchor? {
        try await Anchor.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    public static func villages(county: DivisionCode, on db: any Database) async throws -> [CommerceVillage] {
        try await CommerceVillage.query(on: db).filter(\.$countyCode == county.value).sort(\.$kind).sort(\.$divisionCode).all()
    }

    public static func village(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> CommerceVillage? {
        try await CommerceVillage.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    /// The park's enterprises of the latest year recorded (and that year).
    public static func park(county: DivisionCode, on db: any Database) async throws -> (year: Int?, enterprises: [ParkEnterprise]) {
        let all = try await ParkEnterprise.query(on: db).filter(\.$countyCode == county.value).sort(\.$onlineSalesFen, .descending).all()
        let year = all.map(\.year).max()
        return (year, all.filter { $0.year == year })
    }

    public static func households(county: DivisionCode, on db: any Database) async throws -> [AssistedHousehold] {
        try await AssistedHousehold.query(on: db).filter(\.$countyCode == county.value).sort(\.$headName).all()
    }

    public static func helpActions(county: DivisionCode, page: Int, per: Int, on db: any Database) async throws -> (items: [HelpAction], total: Int) {
        let q = HelpAction.query(on: db).filter(\.$countyCode == county.value)
        let total = try await q.copy().count()
        return (try await q.sort(\.$happenedOn, .descending).range(((page - 1) * per)..<(page * per)).all(), total)
    }

    public static func pairedProducts(county: DivisionCode, on db: any Database) async throws -> [PairedProduct] {
        try await PairedProduct.query(on: db).filter(\.$countyCode == county.value).sort(\.$product).sort(\.$platform).all()
    }

    public static func publicity(county: DivisionCode, on db: any Database) async throws -> [PublicityItem] {
        try await PublicityItem.query(on: db).filter(\.$countyCode == county.value).sort(\.$happenedOn, .descending).all()
    }

    public static func publicityItem(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> PublicityItem? {
        try await PublicityItem.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }
}
