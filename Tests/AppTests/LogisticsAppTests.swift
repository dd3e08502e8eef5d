import Accounts
import Audit
import Composition
import FluentKit
import Foundation
import Logistics
import ServiceNetwork
import TestDatabases
import Testing
import Vapor
import VaporTesting
@testable import Web
import XiangcunKit

@Suite struct LogisticsAppTests {
    /// The demo operator's station and its village.
    static func operatorStation(_ app: Application) async throws -> Facility {
        let county = try DivisionCode(DemoCounty.countyCode)
        let user = try #require(try await AccountService.findByUsername("station", on: app.db))
        return try #require(try await NetworkQueries.operatorFacility(userID: try user.requireID(), county: county, on: app.db))
    }

    static func json(_ client: TestClient, _ path: String, _ body: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "X-CSRF-Token", value: client.lastCSRF ?? "")
        return try await client.send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test(arguments: Engine.all) func intakeToPickUpThroughTheAPIAndPages(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let station = try await Self.operatorStation(app)
            let sorter = TestClient(app)
            try await sorter.login("sorter")
            _ = try await sorter.get("/logistics/scan")
            let items = (1...3).map { #"{"waybill":"7300000000000\#($0)","carrier":"zto","villageCode":"\#(station.divisionCode)","recipientName":"李四","recipientPhone":"1380000\#($0)567","weightGrams":900}"# }
            let body = #"{"items":["# + items.joined(separator: ",") + #",{"waybill":"??","carrier":"zto"}]}"#
            let first = try await Self.json(sorter, "/api/v1/logistics/parcels", body)
            #expect(first.status == .ok)
            #expect(first.body.string.contains(#""created":3"#) && first.body.string.contains(#""rejected":1"#))
            #expect(first.body.string.contains("logistics.error.waybill"))
            let again = try await Self.json(sorter, "/api/v1/logistics/parcels", body)
            #expect(again.body.string.contains(#""created":0"#) && again.body.string.contains(#""duplicate":3"#))
            #expect(try await Self.json(sorter, "/api/v1/logistics/parcels", #"{"items":[]}"#).status == .unprocessableEntity)
            // A value of the wrong kind or a missing field is named; a body that is not JSON says where.
            let wrong = try await Self.json(sorter, "/api/v1/logistics/parcels", #"{"items":[{"waybill":"73000000000009","carrier":"zto","weightGrams":"heavy"},{"carrier":"zto"}]}"#)
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("items[0].weightGrams") && wrong.body.string.contains("items[1].waybill"))
            let broken = try await Self.json(sorter, "/api/v1/logistics/scans", #"{"items":[{"waybill":"7300","kind":"sorted"}"#)
            #expect(broken.status == .badRequest && broken.body.string.contains("byte 44"))
            let badTime = try await Self.json(sorter, "/api/v1/logistics/scans", #"{"items":[{"waybill":"7300","kind":"sorted","at":"yesterday"}]}"#)
            #expect(badTime.status == .unprocessableEntity && badTime.body.string.contains("items[0].at"))
            // The scan page: sorted, then arrival at the station issues the code.
            #expect(try await sorter.post("/logistics/scan", ["kind": "sorted", "waybill": "73000000000001"]).status == .ok)
            let arrived = try await sorter.post("/logistics/scan", ["kind": "arrivedStation", "waybill": "73000000000001"])
            let code = try #require(arrived.body.string.range(of: #"取件码 (\d{6})"#, options: .regularExpression).map { String(arrived.body.string[$0].suffix(6)) })
            let unknown = try await sorter.post("/logistics/scan", ["kind": "sorted", "waybill": "NOPE123456"])
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("data-scan=\"error\""))
            // The operator hands it over by code; the list no longer shows it waiting.
            let op = TestClient(app)
            try await op.login("station")
            #expect(try await op.get("/logistics/station").body.string.contains("73000000000001"))
            #expect(try await op.post("/logistics/station/pickup", ["code": "12"]).status == .unprocessableEntity)
            // A photo that is no image is refused before anything is written; a PNG is kept as proof.
            let refused = try await op.postMultipart("/logistics/station/pickup", fields: ["code": code],
                                                     file: (name: "photo", filename: "p.pdf", data: Data("%PDF-1.4 no photo".utf8)))
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("照片须为 JPEG 或 PNG"))
            let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: UInt8(7), count: 24))
            let handed = try await op.postMultipart("/logistics/station/pickup", fields: ["code": code], file: (name: "photo", filename: "handover.png", data: png))
            #expect(handed.status == .ok && handed.body.string.contains("李*"))
            #expect(!handed.body.string.contains("13800001567"))
            // Staff see the photo on the timeline; it is served only through the parcel's own page.
            let parcelID = try #require(try await Parcel.query(on: app.db).filter(\.$waybill == "73000000000001").first()?.id)
            let photoPath = "/logistics/parcels/\(parcelID.uuidString)/photo"
            #expect(try await sorter.get("/logistics/parcels/\(parcelID.uuidString)").body.string.contains(photoPath))
            let photo = try await sorter.get(photoPath)
            #expect(photo.status == .ok && photo.headers.contentType?.description == "image/png" && Data(buffer: photo.body) == png)
            #expect(try await TestClient(app).get(photoPath).status != .ok)
            // Outbound collection at the station.
            #expect(try await op.post("/logistics/station/collect", ["waybill": "EM123456789CN", "carrier": "ems", "producer": "茶叶合作社", "product": "龙谷丽人茶", "weightKg": "2.5"]).status == .ok)
            let loads = try await LogisticsLoads.stationLoads(county: try DivisionCode(DemoCounty.countyCode), day: .today(), on: app.db)
            let load = loads[try station.requireID()]
            #expect(load?.outboundGrams == 2500 && load?.inboundParcels == 1)
            // Operators do not read the county's lists or statistics; sorters do not edit carriers.
            #expect(try await op.get("/logistics/stats").status == .forbidden)
            #expect(try await sorter.post("/logistics/settings", ["saving": "6", "dailyCost": "0"]).status == .forbidden)
            for path in ["/logistics", "/logistics/parcels", "/logistics/exceptions", "/logistics/manifest", "/logistics/stats", "/logistics/carriers",
                         "/logistics/stats.xlsx", "/logistics/stats.csv"] {
                #expect(try await sorter.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test(arguments: Engine.all) func publicTrackingShowsNoPersonalDataAndIsRateLimited(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let station = try await Self.operatorStation(app)
            let county = try DivisionCode(DemoCounty.countyCode)
            _ = try await ParcelIngest.ingest([.init(waybill: "SF1234567890123", carrier: "sf", villageCode: station.divisionCode, address: "示例路 1 号",
                                                     recipientName: "王五", recipientPhone: "13912344321")], county: county, actor: .cli("t"), on: app.db)
            let visitor = TestClient(app)
            let hit = try await visitor.get("/public/331123/tracking?waybill=SF1234567890123&last4=4321")
            #expect(hit.status == .ok && hit.body.string.contains("中心入库") && hit.body.string.contains(station.name))
            for secret in ["王五", "13912344321", "示例路"] { #expect(!hit.body.string.contains(secret)) }
            #expect(try await visitor.get("/public/331123/tracking?waybill=SF1234567890123&last4=0000").body.string.contains("未找到"))
            var last = HTTPStatus.ok
            for _ in 0..<30 { last = try await visitor.get("/public/331123/tracking?waybill=SF1234567890123&last4=1111").status }
            #expect(last == .tooManyRequests)
        }
    }

    @Test(arguments: Engine.all) func manifestRowsAreRejectedWithRowAndColumn(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let station = try await Self.operatorStation(app)
            let csv = "运单号,快递公司,村代码,收件人,收件人电话,重量(kg)\n73300000000001,zto,\(station.divisionCode),赵六,13800001111,1.2\n"
                + "73300000000002,nope,\(station.divisionCode),赵六,13800001111,abc\n73300000000003,zto,\(station.divisionCode),赵六,12,1\n"
            let gb = try #require(csv.data(using: String.Encoding(rawValue: 0x8000_0632)))
            let sorter = TestClient(app)
            try await sorter.login("sorter")
            _ = try await sorter.get("/logistics/manifest")
            let r = try await sorter.postMultipart("/logistics/manifest", fields: [:], file: (name: "file", filename: "m.csv", data: gb))
            #expect(r.status == .ok)
            #expect(r.body.string.contains("新入库 1 件"))
            #expect(r.body.string.contains("第 3 行 F 列"))
            #expect(r.body.string.contains("第 4 行 E 列"))
            #expect(try await Parcel.query(on: app.db).count() == 1)
        }
    }

    /// The intake API keeps each county's setup between batches: a sorting alias taught or a
    /// carrier's pattern changed in between is seen by the very next batch.
    @Test(arguments: Engine.all) func intakeBatchesSeeAliasesAndCarrierPatternsChangedBetweenThem(_ engine: Engine) async throws {
        try await withTestApp(engine) { app in
            _ = try await DemoCounty.load(on: app.db, hasher: app.passwordHasher)
            let county = try DivisionCode(DemoCounty.countyCode), actor = AuditActor.cli("test")
            let station = try await Self.operatorStation(app)
            let sorter = TestClient(app)
            try await sorter.login("sorter")
            _ = try await sorter.get("/logistics/scan")
            func post(_ waybill: String, carrier: String = "zto") async throws -> String {
                let item = #"{"waybill":"\#(waybill)","carrier":"\#(carrier)","address":"金竹坑水电站旁","recipientName":"李四","recipientPhone":"13800001567","weightGrams":900}"#
                let r = try await Self.json(sorter, "/api/v1/logistics/parcels", #"{"items":["# + item + "]}")
                #expect(r.status == .ok)
                return r.body.string
            }
            // Nothing in the address names a village: the exceptions queue, no station.
            let first = try await post("73400000000001", carrier: "sf")
            #expect(first.contains(#""created":1"#) && !first.contains(#""station""#))
            // A ZTO-looking number declared as SF: ZTO is suggested.
            #expect(first.contains(#""suggestedCarriers":["zto"]"#))
            let stuck = try #require(try await Parcel.query(on: app.db).filter(\.$waybill == "73400000000001").first())
            try await StationDesk.resolve(stuck, station: try station.requireID(), alias: "金竹坑水电站", county: county, actor: actor, on: app.db)
            let zto = try #require(try await Carrier.query(on: app.db).filter(\.$countyCode == county.value).filter(\.$code == "zto").first())
            try await LogisticsAdmin.saveCarrier(zto, code: "zto", name: zto.name, pattern: "^ZT\\d{12}$", county: county, actor: actor, on: app.db)
            // The next batch sorts by the alias and no longer matches the old pattern.
            let second = try await post("73400000000002", carrier: "sf")
            #expect(second.contains(#""station":"\#(try station.requireID().text)""#))
            #expect(!second.contains("suggestedCarriers"))
        }
    }
}
