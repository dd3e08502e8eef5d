import Accounts
import Audit
import Divisions
import FluentKit
import Foundation
import NetworkCore
import SQLKit
import XiangcunKit

/// The demo county's service network, built with the seed's counts: one county public service
/// centre, one co-delivery centre, 9 township logistics hubs, 11 township stations, 120 village
/// stations, a few other facilities, and 12 months of operating records from a seeded
/// generator. Every name ends in （示例）, every row is flagged `sample`. Loading twice changes nothing.
public enum NetworkDemo {
    /// The demo station operator account is linked to this station.
    public static let operatorUsername = "station"

    public struct Report: Sendable {
        public var facilities = 0
        public var records = 0
        public var skipped = false
    }

    /// SplitMix64: small, deterministic, good enough for sample data (other demo loaders use it too).
    public struct Generator: Sendable {
        var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
        public mutating func chance(_ p: Double) -> Bool { unit() < p }
    }

    /// Sample township centres inside Suichang's real extent (lat 28.3–28.8, lon 118.7–119.4); not surveyed positions.
    static let townshipCentres: [String: (Double, Double)] = [
        "331123001000": (28.592, 119.276), "331123002000": (28.612, 119.312), "331123102000": (28.653, 119.215),
        "331123103000": (28.700, 119.105), "331123104000": (28.520, 118.930), "331123105000": (28.540, 119.390),
        "331123106000": (28.470, 119.020), "331123107000": (28.365, 118.890), "331123108000": (28.520, 119.160),
        "331123200000": (28.690, 119.330), "331123201000": (28.735, 118.960), "331123202000": (28.640, 118.870),
        "331123203000": (28.600, 118.780), "331123204000": (28.760, 119.150), "331123205000": (28.420, 119.260),
        "331123206000": (28.430, 118.800), "331123207000": (28.330, 119.050), "331123208000": (28.560, 118.760),
        "331123209000": (28.380, 119.150), "331123210000": (28.640, 119.060),
    ]

    /// Hubs and the townships each one serves (20 townships from 9 hubs, as in the seed plan).
    static let hubs: [(String, [String])] = [
        ("331123002000", ["331123001000", "331123200000"]), ("331123102000", ["331123210000"]), ("331123103000", ["331123201000"]),
        ("331123104000", ["331123202000", "331123203000"]), ("331123105000", ["331123205000"]), ("331123106000", ["331123206000", "331123208000"]),
        ("331123107000", ["331123207000"]), ("331123108000", ["331123209000"]), ("331123204000", []),
    ]

    public static func load(county: DivisionCode, on db: any Database, now: Date = Date()) async throws -> Report {
        if try await Facility.query(on: db).filter(\.$countyCode == county.value).filter(\.$sample == true).count() > 0 {
            return Report(skipped: true)
        }
        let (townships, villages) = try await NetworkQueries.units(county: county, on: db)
        guard !townships.isEmpty else { return Report(skipped: true) }
        var rng = Generator(state: 331123)
        let actor = AuditActor.cli("demo")
        let c = county.value
        var facilities: [Facility] = []
        var history: [FacilityStatusChange] = []
        var services: [FacilityService] = []
        var served: [FacilityServedDivision] = []
        let townshipName = Dictionary(uniqueKeysWithValues: townships.map { ($0.code, $0.name) })
        let defaults = DefaultService.allCases.map(\.rawValue)
        var phoneCounter = 0

        func add(_ type: FacilityType, _ name: String, division: String, coordinate: (Double, Double)?, area: Int?,
                 events: [(String, FacilityStatus)], serviceCodes: [String], servedCodes: [String] = [],
                 demonstration: Bool = false, configure: (Facility) -> Void = { _ in }) {
            let f = Facility()
            f.id = UUID()
            f.countyCode = c; f.type = type.rawValue; f.name = name; f.divisionCode = division
            f.address = (townshipName[DivisionCode.townshipOf(division) ?? ""] ?? "") + "（示例地址）"
            f.latitude = coordinate?.0; f.longitude = coordinate?.1; f.areaM2 = area
            phoneCounter += 1
            f.operatorName = "站长\(phoneCounter)（示例）"
            f.operatorPhone = String(format: "1380000%04d", phoneCounter)
            f.servicePhone = type.servesLevel == nil || phoneCounter % 3 == 0 ? String(format: "0578-81%05d", phoneCounter) : nil
            f.contractorName = type == .villageStation || type == .townshipHub ? "遂昌县邮政分公司（示例）" : "遂昌县电子商务服务有限公司（示例）"
            f.openingHours = type.servesLevel == .village ? "08:00–20:00" : "08:30–17:30"
            let last = events.last ?? ("2021-06-30", .operating)
            f.status = last.1.rawValue; f.statusSince = last.0
            f.signage = last.1 == .operating || last.1 == .suspended
            f.demonstration = demonstration
            f.notes = ""
            f.sample = true
            configure(f)
            guard let id = f.id else { return }
            facilities.append(f)
            for (day, status) in events {
                if let d = Day(day) { history.append(FacilityStatusChange(facilityID: id, county: c, status: status, on: d, note: "示例")) }
            }
            services += serviceCodes.map { FacilityService(facilityID: id, county: c, code: $0) }
            served += servedCodes.map { FacilityServedDivision(facilityID: id, county: c, division: $0) }
        }
        func opened(_ year: Int, _ month: Int, _ day: Int) -> [(String, FacilityStatus)] {
            [(Day.of(year, max(1, month - 3), 1).iso, .planned), (Day.of(year, max(1, month - 1), 15).iso, .underConstruction),
             (Day.of(year, month, day).iso, .operating)]
        }

        // County facilities.
        add(.countyServiceCentre, "遂昌县电子商务公共服务中心（示例）", division: "331123001000", coordinate: (28.5921, 119.2745), area: 820,
            events: opened(2021, 6, 18), serviceCodes: ["information", "jobReferral", "government", "sellOnBehalf"], demonstration: true)
        add(.coDeliveryCentre, "遂昌县快递统仓共配中心（示例）", division: "331123002000", coordinate: (28.6150, 119.3080), area: 2000,
            events: opened(2021, 6, 28), serviceCodes: ["parcels", "pickup"])
        add(.warehouse, "遂昌县农产品供应链公共仓储中心（示例）", division: "331123002000", coordinate: (28.6085, 119.3150), area: 1500,
            events: opened(2021, 9, 1), serviceCodes: ["sellOnBehalf"]) { $0.storageKind = StorageKind.both.rawValue }
        add(.o2oStore, "遂昌县农产品 O2O 体验店（示例）", division: "331123001000", coordinate: (28.5890, 119.2710), area: 300,
            events: opened(2021, 10, 1), serviceCodes: ["sellOnBehalf", "buyOnBehalf"])
        add(.o2oStore, "湖山乡 O2O 体验店（示例）", division: "331123204000", coordinate: (28.7580, 119.1520), area: 200,
            events: [("2021-09-01", .planned), ("2022-03-01", .underConstruction)], serviceCodes: ["sellOnBehalf"])
        add(.ecommercePark, "遂昌县电商产业园（示例）", division: "331123002000", coordinate: (28.6200, 119.3200), area: 12000,
            events: opened(2022, 3, 1), serviceCodes: ["information"])
        // 13 live rooms, as the seed's self-assessment counts (已累计建成13个电商直播间).
        let liveRoomTownships = ["331123001000", "331123104000", "331123106000"] + townships.map(\.code)
            .filter { !["331123001000", "331123104000", "331123106000"].contains($0) }.prefix(10)
        for (i, t) in liveRoomTownships.enumerated() {
            let centre = townshipCentres[t] ?? (28.55, 119.1)
            add(.liveRoom, "\(townshipName[t] ?? "")电商直播间（示例）", division: t, coordinate: (centre.0 + 0.004, centre.1 - 0.004), area: 60,
                events: opened(2021, 5 + i % 7, 1), serviceCodes: ["sellOnBehalf"])
        }
        add(.commerceCentre, "大柘镇商贸中心（示例）", division: "331123105000", coordinate: (28.5420, 119.3880), area: 1200,
            events: opened(2022, 5, 1), serviceCodes: ["buyOnBehalf", "billPayment"]) {
            $0.skuCount = 3200; $0.populationServed = 18000; $0.deliveryRadiusKm = 8
        }

        // Township logistics hubs (9) and township stations in the other townships.
        let hubTownships = Set(hubs.map(\.0))
        for (i, hub) in hubs.enumerated() {
            let centre = townshipCentres[hub.0] ?? (28.55, 119.1)
            add(.townshipHub, "\(townshipName[hub.0] ?? "")物流中转站（示例）", division: hub.0, coordinate: (centre.0 + 0.002, centre.1 + 0.003),
                area: rng.int(200...600), events: opened(2021, 5 + i % 4, 10 + i), serviceCodes: ["parcels", "pickup"], servedCodes: hub.1)
        }
        for (i, t) in townships.enumerated() where !hubTownships.contains(t.code) {
            let centre = townshipCentres[t.code] ?? (28.55, 119.1)
            let events: [(String, FacilityStatus)] = i % 7 == 3 ? [("2022-01-10", .planned), ("2022-06-01", .underConstruction)] : opened(2021, 7 + i % 5, 5)
            add(.townshipStation, "\(t.name)电商服务站（示例）", division: t.code, coordinate: (centre.0 - 0.003, centre.1 + 0.002), area: rng.int(80...200),
                events: events, serviceCodes: ["parcels", "buyOnBehalf", "sellOnBehalf", "information", "government"], demonstration: i % 4 == 0)
        }

        // 120 village stations: six per township, each serving its village and often the next one.
        let byTownship = Dictionary(grouping: villages.filter { CoverageRules.isAdministrativeVillage($0.urbanRuralClass) }, by: \.township)
        var stationIndex = 0
        var villageStations: [UUID] = []
        for t in townships {
            let list = (byTownship[t.code] ?? []).sorted { $0.code < $1.code }
            guard list.count >= 2 else { continue }
            let centre = townshipCentres[t.code] ?? (28.55, 119.1)
            for k in 0..<min(6, list.count) where stationIndex < 120 {
                let v = list[(k * list.count) / 6]
                let neighbourIndex = (k * list.count) / 6 + 1
                var servedCodes: [String] = []
                if rng.chance(0.45), neighbourIndex < list.count { servedCodes.append(list[neighbourIndex].code) }
                let i = stationIndex
                let events: [(String, FacilityStatus)]
                if i % 40 == 7 { events = [("2022-05-01", .planned)] }
                else if i % 30 == 11 { events = [("2021-09-01", .planned), ("2022-04-01", .underConstruction)] }
                else if i % 45 == 23 { events = opened(2021, 7, 1) + [("2024-11-01", .suspended)] }
                else if i == 101 { events = opened(2021, 8, 1) + [("2023-12-31", .closed)] }
                else { events = opened(2021 + (i % 5 == 0 ? 1 : 0), 6 + i % 6, 1 + i % 27) }
                var codes = ["parcels", "pickup"]
                for s in defaults.dropFirst(2) where rng.chance(0.45) { codes.append(s) }
                let coordinate: (Double, Double)? = i % 13 == 5 ? nil
                    : (centre.0 + (rng.unit() - 0.5) * 0.09, centre.1 + (rng.unit() - 0.5) * 0.09)
                let shortName = v.name.replacingOccurrences(of: t.name, with: "")
                add(.villageStation, "\(t.name)\(shortName)服务站（示例）", division: v.code, coordinate: coordinate, area: rng.int(20...80),
                    events: events, serviceCodes: codes, servedCodes: servedCodes, demonstration: i % 10 == 0)
                if let id = facilities.last?.id { villageStations.append(id) }
                stationIndex += 1
            }
        }

        // Twelve months of records up to last month, for stations operating at each month's end.
        var records: [OperatingRecord] = []
        let snapshots = facilities.compactMap { f -> FacilitySnapshot? in
            guard let id = f.id else { return nil }
            return FacilitySnapshot(id: id, name: f.name, type: f.facilityType, division: f.divisionCode,
                                    history: history.filter { $0.facilityID == id }.compactMap { e in Day(e.effectiveOn).map { StatusEvent($0, FacilityStatus(rawValue: e.status) ?? .planned) } })
        }
        let thisMonth = Day(now).monthKey
        var month = thisMonth
        var months: [Month] = []
        for _ in 0..<12 { month = month.previous; months.insert(month, at: 0) }
        for f in snapshots where f.type.reportsMonthly {
            let size = f.type == .villageStation ? Double(rng.int(250...1400)) : Double(rng.int(3000...9000))
            for m in months where f.status(asOf: m.lastDay) == .operating {
                let roll = rng.unit()
                // Last month: the deadline may not have passed yet; keep the pattern anyway.
                if roll < 0.05 { continue }
                let season = 1.0 + (m.month == 11 || m.month == 12 ? 0.45 : 0) + (m.month == 2 ? -0.25 : 0)
                let parcelsIn = Int(size * season * (0.85 + rng.unit() * 0.3))
                let submittedDay = roll < 0.88 ? rng.int(1...10) : rng.int(11...25)
                var submitted = Day.of(m.next.year, m.next.month, submittedDay).endInstant.addingTimeInterval(-Double(rng.int(3600...40000)))
                if submitted > now { submitted = now }
                let r = OperatingRecord()
                r.facilityID = f.id; r.countyCode = c; r.month = m.text
                r.values = RecordValues(parcelsIn: parcelsIn, parcelsOut: Int(Double(parcelsIn) * (0.15 + rng.unit() * 0.2)),
                                        purchaseOrders: rng.int(5...60), purchaseAmount: Money(fen: Int64(rng.int(20_000...900_000))),
                                        saleOrders: rng.int(2...40), saleAmount: Money(fen: Int64(rng.int(50_000...2_500_000))),
                                        billPayments: rng.int(10...120), otherServices: rng.int(0...40))
                r.submittedAt = submitted
                r.submittedBy = "demo"
                records.append(r)
            }
        }

        let (facilityRows, historyRows, serviceRows, servedRows, recordRows, stations) = (facilities, history, services, served, records, villageStations)
        try await db.writeTransaction { tx in
            for chunk in facilityRows.chunked(100) { try await chunk.create(on: tx) }
            // Plain multi-row INSERTs: the same binds Fluent would send, without per-model overhead.
            let now = Date()
            try await bulkInsert(FacilityStatusChange.schema, ["id", "facility_id", "county_code", "status", "effective_on", "note", "recorded_at"],
                                 historyRows.map { [UUID(), $0.facilityID, $0.countyCode, $0.status, $0.effectiveOn, $0.note, now] }, on: tx)
            try await bulkInsert(FacilityService.schema, ["id", "facility_id", "county_code", "service_code"],
                                 serviceRows.map { [UUID(), $0.facilityID, $0.countyCode, $0.serviceCode] }, on: tx)
            try await bulkInsert(FacilityServedDivision.schema, ["id", "facility_id", "county_code", "division_code"],
                                 servedRows.map { [UUID(), $0.facilityID, $0.countyCode, $0.divisionCode] }, on: tx)
            try await bulkInsert(OperatingRecord.schema, ["id", "facility_id", "county_code", "month", "parcels_in", "parcels_out", "purchase_orders",
                                                          "purchase_fen", "sale_orders", "sale_fen", "bill_payments", "other_services",
                                                          "submitted_at", "submitted_by", "updated_at"],
                                 recordRows.map { r in [UUID(), r.facilityID, r.countyCode, r.month, r.parcelsIn, r.parcelsOut, r.purchaseOrders, r.purchaseFen,
                                                        r.saleOrders, r.saleFen, r.billPayments, r.otherServices, r.submittedAt, r.submittedBy, now] }, on: tx)
            // The demo operator runs the first operating village station.
            if let user = try await AccountService.findByUsername(operatorUsername, on: tx), let userID = user.id,
               try await FacilityOperator.query(on: tx).filter(\.$userID == userID).first() == nil,
               let stationID = stations.first, let station = facilityRows.first(where: { $0.id == stationID }) {
                let link = FacilityOperator()
                link.userID = userID; link.facilityID = stationID; link.countyCode = c
                try await link.create(on: tx)
                station.operatorName = user.displayName
                try await station.save(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: Facility.schema, entityID: "demo", county: c,
                                      new: ["facilities": "\(facilityRows.count)", "records": "\(recordRows.count)", "sample": "true"])
        }
        return Report(facilities: facilities.count, records: records.count)
    }
}

extension NetworkDemo {
    /// Multi-row INSERT in chunks (SQL databases; other databases are not supported here).
    static func bulkInsert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let perChunk = max(1, 900 / columns.count)
        for chunk in rows.chunked(perChunk) {
            let insert = sql.insert(into: table).columns(columns)
            for row in chunk { _ = insert.values(row.map { SQLBind($0) }) }
            try await insert.run()
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
