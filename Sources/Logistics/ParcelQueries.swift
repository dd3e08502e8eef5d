import FluentKit
import FluentSQL
import Foundation
import LogisticsCore
import XiangcunKit

/// A page of a list: the rows and how many there are in all.
public struct ListPage<T: Sendable>: Sendable {
    public var items: [T]
    public var total: Int
}

public struct ParcelFilter: Sendable {
    public var day: Day?
    public var status: ScanKind?
    public var direction: Direction?
    public var station: UUID?
    public var waybill: String?
    public init(day: Day? = nil, status: ScanKind? = nil, direction: Direction? = nil, station: UUID? = nil, waybill: String? = nil) {
        self.day = day; self.status = status; self.direction = direction; self.station = station; self.waybill = waybill
    }
}

/// Reads of parcels and scans. Every list is a page; nothing loads a table whole.
public enum ParcelQueries {
    /// Parcels of a county by waybill (chunked `IN` lists).
    public static func byWaybill(_ waybills: [String], county: DivisionCode, on db: any Database) async throws -> [String: Parcel] {
        var found: [String: Parcel] = [:]
        let unique = Array(Set(waybills))
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            for p in try await Parcel.query(on: db).filter(\.$countyCode == county.value).filter(\.$waybill ~~ chunk).all() { found[p.waybill] = p }
        }
        return found
    }

    public static func parcel(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> Parcel? {
        try await Parcel.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    /// A page of parcels, newest first. Without a waybill or station the list is one day
    /// (default today) so the index on (county, day) answers it.
    public static func list(county: DivisionCode, filter: ParcelFilter, page: Int, per: Int, on db: any Database) async throws -> ListPage<Parcel> {
        let query = Parcel.query(on: db).filter(\.$countyCode == county.value)
        if let w = filter.waybill.flatMap(ParcelRules.waybill) { query.filter(\.$waybill == w) }
        else if let s = filter.station { query.filter(\.$stationID == s) }
        else { query.filter(\.$intakeDay == (filter.day ?? .today()).iso) }
        if let s = filter.status { query.filter(\.$status == s.rawValue) }
        if let d = filter.direction { query.filter(\.$direction == d.rawValue) }
        let total = try await query.count()
        let items = try await query.sort(\.$receivedAt, .descending).range(((page - 1) * per)..<(page * per)).all()
        return ListPage(items: items, total: total)
    }

    /// The sorters' queue: unsorted inbound parcels, oldest first.
    public static func exceptions(county: DivisionCode, page: Int, per: Int, on db: any Database) async throws -> ListPage<Parcel> {
        let query = Parcel.query(on: db).filter(\.$countyCode == county.value).filter(\.$exception == true)
        let total = try await query.count()
        return ListPage(items: try await query.sort(\.$receivedAt).range(((page - 1) * per)..<(page * per)).all(), total: total)
    }

    /// Parcels waiting at a station for their recipients.
    public static func waiting(station: UUID, page: Int, per: Int, on db: any Database) async throws -> ListPage<Parcel> {
        let query = Parcel.query(on: db).filter(\.$stationID == station).filter(.sql(unsafeRaw: IndexWaitingParcels.waitingFilter))
        let total = try await query.count()
        return ListPage(items: try await query.sort(\.$arrivedAt, .descending).range(((page - 1) * per)..<(page * per)).all(), total: total)
    }

    /// A parcel's scans in order (one partition on PostgreSQL: the parcel's county and month).
    public static func timeline(of parcel: Parcel, on db: any Database) async throws -> [ScanEvent] {
        guard let id = parcel.id else { return [] }
        let scans = try await ScanEvent.query(on: db).filter(\.$countyCode == parcel.countyCode).filter(\.$month == parcel.month)
            .filter(\.$parcelID == id).sort(\.$at).all()
        // Scans of one instant (a batch sent together) in the order a parcel passes them.
        func step(_ e: ScanEvent) -> Int { ScanKind.allCases.firstIndex { $0.rawValue == e.kind } ?? 0 }
        return scans.sorted { ($0.at, step($0)) < ($1.at, step($1)) }
    }

    /// The public tracking lookup: the waybill and the phone's last four digits must both match.
    public static func track(waybill: String, last4: String, county: DivisionCode, on db: any Database) async throws -> Parcel? {
        guard let w = ParcelRules.waybill(waybill), last4.count == 4 else { return nil }
        return try await Parcel.query(on: db).filter(\.$countyCode == county.value).filter(\.$waybill == w).filter(\.$phoneLast4 == last4).first()
    }
}
