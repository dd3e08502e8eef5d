import Audit
import FluentKit
import Foundation
import TraceCore
import XiangcunKit

/// The Suichang demo (遂昌长粽, 遂蜜1766, 柘里薯香 …): sample producers, products, standards, the
/// regional brand, batches with a two-level transformation chain, a packed case shipped to a
/// station, and one recalled batch. Loading twice changes nothing.
public enum TraceDemo {
    struct ProductSeed { let code, name, category, spec, unit, season: String; let output: Int; let gtin: String; let bestseller: Bool }

    static let products: [ProductSeed] = [
        .init(code: "SC-ZZ", name: "遂昌长粽（示例）", category: "加工食品", spec: "500克/袋", unit: "袋", season: "全年", output: 200_000, gtin: "6920000000012", bestseller: true),
        .init(code: "SC-FM", name: "遂蜜1766 蜂蜜（示例）", category: "蜂产品", spec: "500克/瓶", unit: "瓶", season: "4–10月", output: 50_000, gtin: "6920000000029", bestseller: true),
        .init(code: "SC-SX", name: "柘里薯香 番薯条（示例）", category: "休闲食品", spec: "250克/袋", unit: "袋", season: "11月–次年3月", output: 80_000, gtin: "", bestseller: false),
        .init(code: "SC-FS", name: "高山番薯（示例）", category: "鲜食农产品", spec: "散装", unit: "千克", season: "10–11月", output: 600_000, gtin: "", bestseller: false),
        .init(code: "SC-XG", name: "遂昌香菇（示例）", category: "食用菌", spec: "250克/袋", unit: "袋", season: "全年", output: 30_000, gtin: "", bestseller: false),
        .init(code: "SC-LH", name: "遂昌山货礼盒（示例）", category: "组合礼盒", spec: "薯条2袋+蜂蜜1瓶", unit: "盒", season: "全年", output: 10_000, gtin: "", bestseller: false),
    ]

    @discardableResult
    public static func load(county: DivisionCode, producerUser: UUID?, station: UUID?, today: Day = .today(), on db: any Database) async throws -> Bool {
        guard try await Producer.query(on: db).filter(\.$countyCode == county.value).filter(\.$sample == true).first() == nil else { return false }
        let actor = AuditActor.cli("demo")
        let producers = try await loadProducers(county: county, actor: actor, today: today, on: db)
        var byCode: [String: Product] = [:]
        for s in products {
            var i = ProductService.ProductInput()
            i.code = s.code; i.name = s.name; i.category = s.category; i.specification = s.spec; i.unit = s.unit; i.season = s.season
            i.annualOutput = "\(s.output)"; i.grade = "一级"; i.gtin = s.gtin; i.bestseller = s.bestseller
            byCode[s.code] = try await ProductService.create(i, county: county, actor: actor, sample: true, on: db)
        }
        for p in byCode.values.sorted(by: { $0.code < $1.code }) {
            for kind in ProductService.standardKinds {
                _ = try await ProductService.addStandard(to: p, kind: kind, title: "\(p.name) \(kind == "grading" ? "分级" : kind == "packaging" ? "包装" : "贮存")标准（示例）",
                                                         body: "遂昌县农产品标准化体系示例条文。", effectiveOn: "2024-03-01", actor: actor, on: db)
            }
        }
        let brand = try await CatalogueService.createBrand("遂字号", county: county, actor: actor, on: db)
        for p in producers.prefix(3) {
            _ = try await CatalogueService.grant(brand, to: p, product: nil, from: "2024-01-01", to: "2028-12-31", actor: actor, on: db)
        }
        if let user = producerUser { try await CatalogueService.linkUser(user, to: producers[2], actor: actor, on: db) }
        try await loadBatches(county: county, producers: producers, products: byCode, brand: brand, station: station, actor: actor, today: today, on: db)
        return true
    }

    static func loadProducers(county: DivisionCode, actor: AuditActor, today: Day, on db: any Database) async throws -> [Producer] {
        let seeds: [(String, String, String, String, String)] = [
            ("enterprise", "遂昌长粽食品有限公司（示例）", "91331123MA2A00001C", "", "331123001000"),
            ("cooperative", "遂昌县蜂业专业合作社（示例）", "93331123MA2A000029", "", "331123103000"),
            ("familyFarm", "柘里薯香家庭农场（示例）", "92331123MA2A00003F", "", "331123105000"),
            ("individual", "番薯种植户王某（示例）", "", "331123198001010010", "331123208000"),
        ]
        var out: [Producer] = []
        for (n, s) in seeds.enumerated() {
            var i = CatalogueService.ProducerInput()
            i.kind = s.0; i.name = s.1; i.creditCode = s.2; i.idNumber = s.3; i.divisionCode = s.4
            i.contactName = "联系人\(n + 1)（示例）"; i.contactPhone = "1390000000\(n + 1)"; i.subjectCode = n < 2 ? "ZT3311230000\(n + 1)" : ""
            let p = try await CatalogueService.createProducer(i, county: county, actor: actor, sample: true, on: db)
            _ = try await CatalogueService.addCertification(to: p, kind: Certificate.kinds[n], number: "示例-\(n + 1)", from: "2023-01-01",
                                                            to: today.adding(days: n == 1 ? 30 : 700).iso, actor: actor, on: db)
            out.append(p)
        }
        return out
    }

    static func loadBatches(county: DivisionCode, producers: [Producer], products: [String: Product], brand: Brand, station: UUID?,
                            actor: AuditActor, today: Day, on db: any Database) async throws {
        func input(_ code: String, _ producer: Producer, lot: String, qty: String, uom: String, branded: Bool = false, harvest: String = "") -> BatchService.BatchInput {
            var i = BatchService.BatchInput()
            i.productID = products[code]?.id; i.producerID = producer.id; i.lot = lot; i.origin = "遂昌县示例基地"; i.quantity = qty; i.uom = uom
            i.brandID = branded ? brand.id : nil; i.harvestedOn = harvest
            return i
        }
        let farm = producers[2], grower = producers[3]
        let potatoA = try await BatchService.create(input("SC-FS", farm, lot: "FS2510A", qty: "2000", uom: "KGM"), county: county, actor: actor, sample: true, on: db)
        let potatoB = try await BatchService.create(input("SC-FS", grower, lot: "FS2510B", qty: "800", uom: "KGM"), county: county, actor: actor, sample: true, on: db)
        let sprayed = today.adding(days: -40)
        _ = try await BatchService.addRecord(to: potatoA, kind: "sowing", day: today.adding(days: -150).iso, input: "心香番薯苗", intervalDays: "", note: "", actor: actor, on: db)
        _ = try await BatchService.addRecord(to: potatoA, kind: "pesticide", day: sprayed.iso, input: "吡虫啉", intervalDays: "14", note: "虫害防治", actor: actor, on: db)
        _ = try await BatchService.addRecord(to: potatoA, kind: "harvest", day: today.adding(days: -20).iso, input: "", intervalDays: "", note: "", actor: actor, on: db)
        _ = try await BatchService.inspect(potatoA, day: today.adding(days: -19).iso, item: "农药残留快检", passed: true, note: "合格", inspector: "检测员（示例）", actor: actor, on: db)
        _ = try await BatchService.inspect(potatoB, day: today.adding(days: -19).iso, item: "农药残留快检", passed: false, note: "超标（示例）", inspector: "检测员（示例）", actor: actor, on: db)
        // Level 1: potatoes → chips; level 2: chips + honey → gift boxes.
        let chips = try await FlowService.transform(inputs: [(potatoA, 1500), (potatoB, 500)], output: input("SC-SX", farm, lot: "SX2511", qty: "3000", uom: "EA", branded: true),
                                                    county: county, actor: actor, on: db)
        let honey = try await BatchService.create(input("SC-FM", producers[1], lot: "FM2509", qty: "1200", uom: "EA", branded: true), county: county, actor: actor, sample: true, on: db)
        let boxes = try await FlowService.transform(inputs: [(chips, 600), (honey, 300)], output: input("SC-LH", farm, lot: "LH2512", qty: "300", uom: "EA", branded: true),
                                                    county: county, actor: actor, on: db)
        _ = try await BatchService.create(input("SC-ZZ", producers[0], lot: "ZZ2601", qty: "5000", uom: "EA", branded: true), county: county, actor: actor, sample: true, on: db)
        let caseURI = try await FlowService.aggregate([(boxes, 20)], caseCode: "CASE-0001", county: county, actor: actor, on: db)
        try await FlowService.move(caseURI, quantity: nil, uom: nil, movement: .shipping, facility: station, party: station == nil ? "杭州示例超市" : "", county: county, actor: actor, on: db)
        try await FlowService.move(chips.uri, quantity: 200, uom: "EA", movement: .shipping, facility: nil, party: "杭州示例超市", county: county, actor: actor, on: db)
        try await FlowService.recall(potatoB, reason: "农药残留抽检不合格（示例）", actor: actor, on: db)
        var scans: [TraceQueries.ScanTally: Int] = [:]
        for (n, b) in [chips, honey, boxes].enumerated() {
            for d in 0..<7 { scans[TraceQueries.ScanTally(batchID: try b.requireID(), county: county.value, day: today.adding(days: -d).iso)] = (n + 1) * (d % 3 + 1) }
        }
        try await TraceQueries.recordScans(scans, on: db)
    }
}
