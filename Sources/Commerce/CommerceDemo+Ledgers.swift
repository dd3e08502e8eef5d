import CommerceCore
import Divisions
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

extension CommerceDemo {
    /// Anchors with follower counts over a year, 2 live bases, 11 daily events and 1 market event.
    static func live(_ county: DivisionCode, _ rng: inout NetworkDemo.Generator, on tx: any Database) async throws {
        let c = county.value
        let rooms = try await Facility.query(on: tx).filter(\.$countyCode == c).filter(\.$type == FacilityType.liveRoom.rawValue).sort(\.$name).all()
        guard !rooms.isEmpty else { return }
        for room in rooms.prefix(2) { if let id = room.id { try await LiveBase(county: c, facility: id, day: Day.of(2021, 11, 1)).create(on: tx) } }
        let finals = [520_000, 180_000, 103_000, 86_000, 64_000, 41_000, 30_500, 22_000, 15_800, 9_600, 6_200, 3_100]
        var anchors: [Anchor] = [], counts: [AnchorFollowers] = []
        for (i, final) in finals.enumerated() {
            let a = Anchor()
            a.id = UUID(); a.countyCode = c; a.name = "主播\(i + 1)（示例）"; a.platform = ["抖音", "快手", "淘宝直播", "视频号"][i % 4]
            a.account = "suichang_demo_\(i + 1)"; a.followers = final; a.sample = true
            anchors.append(a)
            for m in 0..<4 {
                if let id = a.id { counts.append(AnchorFollowers(county: c, anchor: id, day: Day.of(2021, 3 + m * 3, 1), followers: final * (m + 1) / 4)) }
            }
        }
        try await anchors.create(on: tx)
        try await counts.create(on: tx)
        var events: [LiveEvent] = []
        for i in 0..<12 {
            let e = LiveEvent()
            e.countyCode = c; e.roomID = rooms[i % rooms.count].id ?? UUID(); e.anchorID = anchors[i % 5].id
            e.heldOn = Day.of(2021, 6 + i / 2, 8 + i).iso
            e.title = i == 11 ? "烟火直播新市集（示例）" : "村货直播日常场第\(i + 1)场（示例）"
            e.products = ["遂昌长粽、菊米", "黄米果、番薯干", "高山茶叶、竹炭", "土蜂蜜、笋干"][i % 4]
            e.minutes = i == 11 ? 360 : rng.int(90...180); e.viewers = i == 11 ? 52_000 : rng.int(2_000...12_000)
            e.orders = e.viewers / rng.int(20...40); e.gmvFen = Int64(e.orders) * Int64(rng.int(3_000...9_000)); e.sample = true
            events.append(e)
        }
        try await events.create(on: tx)
    }

    /// Villages (2 featured recognised, 1 featured candidate, 4 specialised villages and 1 town declared), 24 park enterprises.
    static func places(_ county: DivisionCode, _ townships: [Division], on tx: any Database) async throws {
        let c = county.value
        let villages = try await Division.query(on: tx).filter(\.$countyCode == c).filter(\.$level == DivisionLevel.village.rawValue).sort(\.$id).range(0..<7).all()
        let plan: [(CommerceVillageKind, RecognitionStatus)] = [(.featuredVillage, .recognised), (.featuredVillage, .recognised), (.featuredVillage, .candidate),
                                                               (.specialisedVillage, .declared), (.specialisedVillage, .declared), (.specialisedVillage, .declared),
                                                               (.specialisedVillage, .declared)]
        var rows: [CommerceVillage] = []
        for (i, d) in villages.enumerated() where i < plan.count {
            rows.append(village(c, d, plan[i].0, plan[i].1, sales: Int64(3_000_000 + i * 1_100_000) * 100, shops: 12 + i * 5, share: 120 + i * 25))
        }
        if let town = townships.first { rows.append(village(c, town, .specialisedTown, .declared, sales: 52_000_000 * 100, shops: 86, share: 180)) }
        try await rows.create(on: tx)
        let sales: [Int64] = [16_800_000, 12_500_000, 7_300_000, 5_600_000, 4_100_000, 3_400_000, 3_050_000, 2_200_000, 1_800_000, 1_500_000,
                              1_200_000, 1_050_000, 900_000, 760_000, 640_000, 520_000, 480_000, 400_000, 310_000, 260_000, 200_000, 150_000, 120_000, 80_000]
        let park = sales.enumerated().map { i, yuan -> ParkEnterprise in
            let e = ParkEnterprise()
            e.countyCode = c; e.name = "遂昌示例电商企业\(i + 1)（示例）"; e.creditCode = ""; e.year = 2022; e.onlineSalesFen = yuan * 100; e.sample = true
            return e
        }
        try await park.create(on: tx)
    }

    static func village(_ c: String, _ d: Division, _ kind: CommerceVillageKind, _ status: RecognitionStatus, sales: Int64, shops: Int, share: Int) -> CommerceVillage {
        let v = CommerceVillage()
        v.countyCode = c; v.divisionCode = d.id ?? ""; v.name = d.name; v.kind = kind.rawValue; v.onlineSalesFen = sales; v.activeShops = shops
        v.householdSharePermille = share; v.status = status.rawValue; v.statusSince = status == .recognised ? "2021-11-20" : "2021-11-30"; v.sample = true
        return v
    }

    /// 10 households, help actions (the seed's 5,300 斤 of potatoes at a premium), the paired county's
    /// 6 products on 7 platforms, publicity events and the county's e-commerce development plan.
    static func assistance(_ county: DivisionCode, on tx: any Database) async throws {
        let c = county.value
        var rng = NetworkDemo.Generator(state: 5300)
        let households = (0..<10).map { i -> AssistedHousehold in
            let h = AssistedHousehold()
            h.id = UUID(); h.countyCode = c; h.headName = "帮扶户\(i + 1)（示例）"; h.idNumber = idNumber(region: "331123", 900 + i, &rng)
            h.village = "示例村\(i % 4 + 1)"; h.sample = true
            return h
        }
        try await households.create(on: tx)
        var actions: [HelpAction] = []
        func add(_ kind: HelpKind, household: UUID?, paired: Bool, day: String, product: String = "", quantity: Int = 0, unit: String = "",
                 price: Int64 = 0, premium: Int64 = 0, jobs: Int = 0, note: String) {
            let a = HelpAction()
            a.countyCode = c; a.householdID = household; a.paired = paired; a.kind = kind.rawValue; a.happenedOn = day; a.product = product
            a.quantity = quantity; a.unit = unit; a.unitPriceFen = price; a.premiumFen = premium
            a.amountFen = HelpSale.amount(quantity: quantity, unitPrice: Money(fen: price)).fen; a.jobs = jobs; a.note = note; a.sample = true
            actions.append(a)
        }
        add(.helpSale, household: households[0].id, paired: false, day: "2021-10-15", product: "高山土豆", quantity: 5300, unit: "斤", price: 250, premium: 50,
            note: "滞销土豆溢价收购（示例）")
        for (i, h) in households.enumerated().dropFirst() {
            add(i % 3 == 0 ? .job : .helpSale, household: h.id, paired: false, day: Day.of(2021, 6 + i % 6, 12).iso, product: i % 3 == 0 ? "" : "番薯干",
                quantity: i % 3 == 0 ? 0 : 200 + i * 30, unit: i % 3 == 0 ? "" : "斤", price: i % 3 == 0 ? 0 : 1200, premium: i % 3 == 0 ? 0 : 100,
                jobs: i % 3 == 0 ? 1 : 0, note: "示例")
        }
        add(.helpSale, household: nil, paired: true, day: "2021-11-11", product: "通江银耳", quantity: 800, unit: "盒", price: 6800, premium: 0, note: "消费帮扶（示例）")
        try await actions.create(on: tx)
        let listing: [(String, [String])] = [("通江腊肉", ["抖店", "拼多多", "赶街村货"]), ("通江腊肠", ["抖店", "善融商务"]), ("通江大米", ["扶贫832", "融e购"]),
                                             ("通江银耳", ["抖店", "赶街村货", "小商品店"]), ("通江香菇", ["扶贫832"]), ("通江木耳", ["拼多多", "善融商务"])]
        var products: [PairedProduct] = []
        for (product, platforms) in listing {
            for platform in platforms {
                let p = PairedProduct()
                p.countyCode = c; p.product = product + "（示例）"; p.platform = platform; p.listedOn = "2021-10-20"; p.sample = true
                products.append(p)
            }
        }
        try await products.create(on: tx)
        let publicity: [(PublicityKind, String, String, Int)] = [
            (.plan, "遂昌县电子商务发展规划（2021—2025）（示例）", "2021-05-10", 0), (.event, "烟火直播新市集启动仪式（示例）", "2021-10-01", 52_000),
            (.event, "农村电商高峰论坛（示例）", "2021-11-18", 600), (.media, "县融媒体中心专题报道（示例）", "2021-11-25", 120_000),
        ]
        try await publicity.map { kind, title, day, reach -> PublicityItem in
            let p = PublicityItem()
            p.countyCode = c; p.kind = kind.rawValue; p.title = title; p.happenedOn = day; p.reach = reach; p.sample = true
            return p
        }.create(on: tx)
    }
}
