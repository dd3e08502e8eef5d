import Audit
import CommerceCore
import Divisions
import FluentKit
import Foundation
import NetworkCore
import ServiceNetwork
import XiangcunKit

/// Sample ledgers for the demo county, sized like the seeds' figures: 1,366 person-times over
/// 19 basic and 5 advanced sessions, 129 person-times for the paired county (通江县), 12 live
/// events, 2 live bases, anchors, e-commerce villages, park enterprises, help-sales (5,300 斤 of
/// potatoes at a premium), 6 paired-county products on 7 platforms. Every row is flagged
/// `sample` and every name says 示例. Loading twice changes nothing.
public enum CommerceDemo {
    public static let localPersonTimes = 1366
    public static let pairedPersonTimes = 129
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑叶毛雷蓝钟")
    static let given = ["建华", "丽芳", "志强", "秀英", "海燕", "国平", "晓东", "美玲", "卫东", "春梅", "永明", "小红", "立新", "雪峰", "桂英", "金水"]

    public static func load(county: DivisionCode, on db: any Database) async throws {
        guard try await TrainingSession.query(on: db).filter(\.$countyCode == county.value).filter(\.$sample == true).count() == 0 else { return }
        let townships = try await Division.query(on: db).filter(\.$countyCode == county.value).filter(\.$level == DivisionLevel.township.rawValue).sort(\.$id).all()
        guard !townships.isEmpty else { return }
        try await db.writeTransaction { tx in
            var rng = NetworkDemo.Generator(state: 11_2021)
            try await training(county, townships.compactMap(\.id), paired: false, &rng, on: tx)
            try await training(county, [], paired: true, &rng, on: tx)
            try await live(county, &rng, on: tx)
            try await places(county, townships, on: tx)
            try await assistance(county, on: tx)
        }
    }

    /// A valid sample ID number: region, birth day, sequence, GB 11643 check character.
    static func idNumber(region: String, _ n: Int, _ rng: inout NetworkDemo.Generator) -> String {
        let body = region + String(format: "%04d%02d%02d%03d", rng.int(1965...2002), rng.int(1...12), rng.int(1...28), n % 1000)
        return body + String(Identifiers.idNumberCheck(body) ?? "0")
    }

    static func person(_ n: Int, county: String, township: String?, region: String, _ rng: inout NetworkDemo.Generator) -> Trainee {
        let t = Trainee()
        t.id = UUID(); t.countyCode = county
        t.name = String(surnames[rng.int(0...(surnames.count - 1))]) + given[rng.int(0...(given.count - 1))]
        t.idNumber = idNumber(region: region, n, &rng)
        t.phone = String(format: "1390000%04d", n % 10_000)
        t.townshipCode = township; t.village = township == nil ? "通江县（示例）" : "示例村"
        var groups: [AttendeeGroup] = []
        for g in AttendeeGroup.allCases where rng.chance(g == .woman ? 0.45 : 0.08) { groups.append(g) }
        t.groups = AttendeeGroup.encode(groups); t.sample = true
        return t
    }

    /// Local: 19 basic + 5 advanced sessions, 1,366 attendances, people often at several sessions.
    /// Paired: 3 sessions, 129 attendances.
    static func training(_ county: DivisionCode, _ townships: [String], paired: Bool, _ rng: inout NetworkDemo.Generator, on tx: any Database) async throws {
        let c = county.value
        let kinds: [TrainingKind] = paired ? [.liveStreaming, .entrepreneurship, .advanced] : Array(repeating: .basic, count: 19) + Array(repeating: .advanced, count: 5)
        let total = paired ? pairedPersonTimes : localPersonTimes
        var sizes = kinds.map { $0 == .basic ? 64 : ($0 == .advanced ? (paired ? 40 : 30) : 45) }
        sizes[0] += total - sizes.reduce(0, +)
        let pool = (0..<(paired ? 110 : 980)).map { n in
            person(n + (paired ? 5000 : 0), county: c, township: paired ? nil : townships[n % townships.count], region: paired ? "511921" : "331123", &rng)
        }
        try await pool.create(on: tx)
        var sessions: [TrainingSession] = [], attendance: [Attendance] = []
        for (i, kind) in kinds.enumerated() {
            let s = TrainingSession()
            s.id = UUID(); s.countyCode = c; s.kind = kind.rawValue; s.paired = paired; s.sample = true
            s.heldOn = Day.of(2021, 3 + i * 8 / kinds.count, 5 + i % 20).iso
            s.title = paired ? ["通江县抖音账户运营提升培训班", "农村电商助力乡村振兴专题培训班", "2021东西协作通江县电商企业赴浙江游学培训班"][i] + "（示例）"
                             : (kind == .basic ? "农村电商基础普及培训第\(i + 1)期（示例）" : "电商直播高端人才孵化培训第\(i - 18)期（示例）")
            s.place = paired ? (i == 2 ? "遂昌县电子商务公共服务中心" : "通江县") : "遂昌县电子商务公共服务中心（示例）"
            s.trainer = "讲师\(i % 6 + 1)（示例）"; s.contractorName = "浙江赶街电子商务有限公司"
            s.hoursTenths = kind == .basic ? 30 : 60; s.materials = "遂昌县农村电商培训标准化教材（示例）"
            sessions.append(s)
            var chosen = Set<Int>()
            while chosen.count < sizes[i] { chosen.insert(rng.int(0...(pool.count - 1))) }
            for n in chosen.sorted() { if let sid = s.id, let pid = pool[n].id { attendance.append(Attendance(county: c, session: sid, trainee: pid)) } }
        }
        try await sessions.create(on: tx)
        try await attendance.create(on: tx)
        guard !paired else { return }
        // Conversions: 18 trained people went on; 4 entrepreneur leaders among them.
        let trained = Array(Set(attendance.map(\.traineeID))).sorted { $0.uuidString < $1.uuidString }
        var conversions: [Conversion] = []
        for (i, id) in trained.prefix(18).enumerated() {
            let conv = Conversion()
            conv.countyCode = c; conv.traineeID = id; conv.kind = ConversionKind.allCases[i % 3].rawValue
            conv.happenedOn = Day.of(2021, 9 + i % 4, 10).iso; conv.note = "回访确认（示例）"
            conversions.append(conv)
        }
        try await conversions.create(on: tx)
        for id in trained.prefix(4) {
            if let t = pool.first(where: { $0.id == id }) { t.leaderSince = "2021-12-01"; try await t.save(on: tx) }
        }
    }
}
