import FluentKit
import Foundation
import SQLKit
import TestDatabases
import Testing
import Trace
import TraceCore
import XiangcunKit

/// The recall query at size and across capabilities, on both engines.
@Suite("Trace recall")
struct RecallTests {
    static let county = TraceStoreTests.county.value

    /// 10,000 downstream items (100 lots, 9,900 cases, every case shipped): all listed, once.
    @Test(arguments: Engine.all)
    func recallListsEveryItemOfATenThousandFanOut(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            try await SyntheticTraceData.fanOut(10_000, county: Self.county, on: s.db)
            let rows = try await RecallQuery.downstream(of: SyntheticTraceData.root, county: Self.county, on: s.db)
            let items = rows.filter { $0.kind == .item }
            #expect(items.count == 10_001)
            #expect(Set(items.map(\.uri)).count == 10_001)
            #expect(items.contains { $0.uri == "urn:xiangcun:case:BENCH:99-98" })
            #expect(rows.filter { $0.kind == .shipment }.count == 9_900)
            // Another county's walk from the same URI finds only the start.
            #expect(try await RecallQuery.downstream(of: SyntheticTraceData.root, county: "330000000000", on: s.db).count == 1)
        }
    }

    /// FS2510B → 薯条 SX2511 → 礼盒 LH2512 (two transformations) → packed into a logistics
    /// parcel (aggregation by waybill): the recall lists the parcel, its station and the masked
    /// recipient; a parcel of another county with the same waybill is not listed.
    @Test(arguments: Engine.all)
    func recallReachesALogisticsParcelAndItsStation(_ engine: Engine) async throws {
        try await withTestStore(engine) { s in
            try await TraceStoreTests().demo(s.db)
            let sql = try #require(s.db as? any SQLDatabase)
            let station = UUID()
            try await sql.raw("""
            INSERT INTO network_facilities (id, county_code, type, name, division_code, address, operator_name, opening_hours, status, status_since,
                                            signage, demonstration, notes, sample)
            VALUES (\(bind: station), \(bind: Self.county), 'villageStation', '示例村服务站', '331123208001', '村口', '李站长', '8-18', 'operating', '2026-01-01',
                    \(bind: true), \(bind: false), '', \(bind: true))
            """).run()
            try await insertParcel(sql, waybill: "SF1234567890", county: Self.county, station: station)
            try await insertParcel(sql, waybill: "SF1234567890", county: "330100000000", station: nil)
            let boxes = try await TraceStoreTests().batch("LH2512", s.db)
            let parcel = try await FlowService.aggregate([(boxes, 2)], caseCode: "SF1234567890", intoParcel: true, county: TraceStoreTests.county,
                                                         actor: .cli("t"), on: s.db)
            #expect(parcel == DigitalLink.parcelURI(waybill: "SF1234567890"))
            let potato = try await TraceStoreTests().batch("FS2510B", s.db)
            let rows = try await RecallQuery.downstream(of: potato.uri, county: Self.county, on: s.db)
            #expect(Set(rows.compactMap(\.lot)) == ["FS2510B", "SX2511", "LH2512"])
            let parcels = rows.filter { $0.kind == .parcel }
            #expect(parcels.count == 1)
            #expect(parcels.first?.destination == "SF1234567890")
            #expect(parcels.first?.station == "示例村服务站")
            #expect(parcels.first?.recipient == "王* · 5678")
            #expect(!rows.contains { ($0.recipient ?? "").contains("13912345678") || ($0.recipient ?? "").contains("王小明") })
        }
    }

    func insertParcel(_ sql: any SQLDatabase, waybill: String, county: String, station: UUID?) async throws {
        try await sql.raw("""
        INSERT INTO logistics_parcels (id, county_code, waybill, carrier_code, direction, status, recipient_name, recipient_phone, phone_last4,
                                       address, station_id, weight_g, cod_fen, month, intake_day, received_at, exception, carrier_mismatch, sample)
        VALUES (\(bind: UUID()), \(bind: county), \(bind: waybill), 'SF', 'outbound', 'received', '王小明', '13912345678', '5678',
                '杭州市西湖区', \(bind: station), 1200, 0, '2026-01', '2026-01-15', \(bind: Date()), \(bind: false), \(bind: false), \(bind: true))
        """).run()
    }
}
