import CountyDispatch
import FluentKit
import Foundation
import Logistics
import LogisticsCore
import SQLKit
import TestDatabases
import Testing
import Vapor
import XiangcunKit
@testable import Web

/// The records of the capabilities added after the programme and the network (people and
/// commerce have their own, `MatrixWorld+Commerce.swift`): the demo gives
/// the own county its ledgers, products and plans; the other county gets what the same loaders
/// and services make for it, so its ids exist and must still answer 404.
extension MatrixWorld {
    /// Route prefix → the table whose ids the route's `:id` names.
    /// A stable order per table, so the same record (and the same answers) comes every run.
    static let stableOrder: [String: String] = [
        "trace_producers": "name", "trace_products": "code", "trace_brand_grants": "valid_from, brand_id",
        "trace_batches": "lot", "dispatch_plans": "day", "logistics_carriers": "code", "logistics_parcels": "waybill",
        "stats_retail_shops": "month, enterprise, shop, platform", "trace_certifications": "number, valid_from",
    ]

    static let capabilityTables: [(prefix: String, table: String)] = [
        ("/products/producers/", "trace_producers"), ("/products/catalogue/", "trace_products"),
        ("/products/brands/grants/", "trace_brand_grants"), ("/products/batches/", "trace_batches"),
        ("/trace/batches/", "trace_batches"), ("/products/recalls/", "trace_batches"),
        ("/routing/plans/", "dispatch_plans"), ("/dispatch/plans/", "dispatch_plans"),
        ("/logistics/carriers/", "logistics_carriers"), ("/logistics/parcels/", "logistics_parcels"),
        ("/logistics/exceptions/", "logistics_parcels"), ("/statistics/retail/shops/", "stats_retail_shops"),
        ("/products/certifications/", "trace_certifications"),
    ]

    mutating func addCapabilityRecords(_ app: Application) async throws {
        let other = try DivisionCode(Self.otherCounty)
        try await DispatchDemo.load(county: other, on: app.db)
        for county in [try DivisionCode(Self.ownCounty), other] {
            let waybill = "SF\(county.short)000001"
            _ = try await ParcelIngest.ingest([ParcelInput(waybill: waybill, carrier: "SF", address: "无法识别的地址")],
                                              county: county, actor: .cli("matrix"), on: app.db)
        }
        guard let sql = app.db as? any SQLDatabase else { throw TestEnvironmentError(description: "not SQL") }
        for (_, table) in Self.capabilityTables {
            for side in Side.allCases {
                let county = side == .own ? Self.ownCounty : Self.otherCounty
                let order = Self.stableOrder[table] ?? "id"
                let row = try await sql.raw("SELECT id FROM \(unsafeRaw: table) WHERE county_code = \(bind: county) ORDER BY \(unsafeRaw: order) LIMIT 1")
                    .first(decoding: IDRow.self)
                // A county without such a record is tried with an id that exists nowhere.
                values[side]?[table] = row?.id.uuidString ?? UUID().uuidString
            }
        }
        try await addDigitalLinks(sql)
    }

    /// The public Digital Link paths of one demo batch with a GTIN and one without.
    mutating func addDigitalLinks(_ sql: any SQLDatabase) async throws {
        let gtin = try await sql.raw("""
            SELECT p.gtin AS gtin, b.lot AS lot FROM trace_batches b JOIN trace_products p ON p.id = b.product_id
            WHERE p.gtin IS NOT NULL AND p.gtin <> '' ORDER BY b.lot LIMIT 1
            """).first(decoding: LinkRow.self)
        let code = try await sql.raw("""
            SELECT p.code AS gtin, b.lot AS lot FROM trace_batches b JOIN trace_products p ON p.id = b.product_id
            WHERE p.gtin IS NULL OR p.gtin = '' ORDER BY b.lot LIMIT 1
            """).first(decoding: LinkRow.self)
        values[.own]?["gtin"] = gtin?.gtin
        values[.own]?["lot"] = gtin?.lot
        values[.own]?["traceCode"] = code?.gtin
        values[.own]?["traceLot"] = code?.lot
        values[.own]?["serial"] = "1"
    }

    struct IDRow: Decodable { let id: UUID }
    struct LinkRow: Decodable { let gtin: String; let lot: String }
}
