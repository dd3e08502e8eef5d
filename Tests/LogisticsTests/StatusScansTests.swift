import FluentKit
import Foundation
@testable import Logistics
import LogisticsCore
import SQLKit
import TestDatabases
import Testing
import XiangcunKit

/// The usual scan batch on PostgreSQL is found, checked and moved in one UPDATE: it must accept
/// exactly what `ScanRecorder.check` accepts, write what the usual way writes, and leave any
/// other batch to the usual way.
@Suite struct StatusScansTests {
    let county = try! DivisionCode("331123")

    func usual(_ items: [ScanInput], station: UUID? = nil, engine: BulkStatement.Engine = .postgres, now: Date = Date()) -> StatusScans? {
        StatusScans(items, county: county, actor: actor, station: station, engine: engine, now: now)
    }

    /// A county with a village station, and `count` waybills starting with `prefix` taken in
    /// for that village (`weight`: each parcel's grams by its place; nil: the default).
    func takenIn(_ db: any Database, prefix: Int, count: Int, weight: ((Int) -> Int)? = nil) async throws
        -> (county: DivisionCode, station: UUID, waybills: [String], inputs: [ParcelInput]) {
        let county = try await seedCounty(db)
        let (village, _, station) = try await villageWithStation(county, db)
        let waybills = (0..<count).map { String(format: "\(prefix)%012d", $0) }
        let inputs = waybills.enumerated().map { i, w in
            var p = parcel(w, village: village)
            if let weight { p.weightGrams = weight(i) }
            return p
        }
        _ = try await ParcelIngest.ingest(inputs, county: county, actor: actor, on: db)
        return (county, station, waybills, inputs)
    }

    @Test func onlyTheUsualBatchGoesInOneStatement() {
        let now = Date()
        let sorted = (0..<3).map { ScanInput(waybill: "7300000000000\($0)", kind: "sorted") }
        #expect(usual(sorted) != nil)
        #expect(usual(sorted, engine: .sqlite) == nil)
        #expect(usual(sorted, station: UUID()) == nil, "a station operator's batch is checked against their station")
        #expect(usual(sorted + [ScanInput(waybill: "73000000000009", kind: "loaded")]) == nil, "kinds mixed")
        #expect(usual(sorted.map { ScanInput(waybill: $0.waybill, kind: "arrivedStation") }) == nil, "arrival also issues a pick-up code")
        #expect(usual(sorted.map { ScanInput(waybill: $0.waybill, kind: "pickedUp") }) == nil)
        #expect(usual(sorted.map { ScanInput(waybill: $0.waybill, kind: "flown") }) == nil)
        #expect(usual(sorted + [ScanInput(waybill: " 73000000000001 ", kind: "sorted")]) == nil, "a waybill twice once normalised")
        #expect(usual([ScanInput(waybill: "73000000000001", kind: "sorted", at: now.addingTimeInterval(3_600))], now: now) == nil)
        #expect(usual([ScanInput(waybill: "73000000000001", kind: "sorted", at: now.addingTimeInterval(300))], now: now) != nil)
        #expect(usual([]) == nil)
    }

    /// Every direction, status and station presence a parcel can have, against every kind the
    /// one statement may record: the UPDATE moves the parcel exactly when the rules allow it.
    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func theStatementAcceptsExactlyWhatTheRulesAccept() async throws {
        struct Refused: Error {}
        struct Accepted: Error {}
        /// The intake recorded every parcel's `received` scan: a second one is refused by the key.
        struct RecordedAlready: Error {}
        try await withTestStore(.postgres) { session in
            let db = session.db, sql = try #require(session.db as? any SQLDatabase)
            let combinations = Direction.allCases.flatMap { d in ScanKind.allCases.flatMap { s in [(d, s, true), (d, s, false)] } }
            let (county, _, waybills, _) = try await takenIn(db, prefix: 79, count: combinations.count)
            let states = zip(waybills, combinations).map { (waybill: $0, direction: $1.0, status: $1.1, hasStation: $1.2) }
            for s in states {
                try await sql.raw("""
                    UPDATE logistics_parcels SET direction = \(bind: s.direction.rawValue), status = \(bind: s.status.rawValue),
                    station_id = CASE WHEN \(bind: s.hasStation) THEN station_id END WHERE waybill = \(bind: s.waybill)
                    """).run()
            }
            let read = try await ParcelState.byWaybill(states.map(\.waybill), county: county, on: db)
            var accepted = 0
            for kind in ScanKind.allCases where ScanRecorder.changesStatusOnly(kind) {
                for s in states {
                    let item = ScanInput(waybill: s.waybill, kind: kind.rawValue)
                    let batch = try #require(StatusScans([item], county: county, actor: actor, station: nil, engine: .postgres, now: Date()))
                    let parcel = try #require(read[s.waybill])
                    #expect((parcel.stationID != nil) == s.hasStation)
                    // The statement writes the status alone: the kind's scan must change nothing else.
                    var moved = parcel, rollup = DailyRollup()
                    ScanRecorder.apply(kind, at: Date(), day: .today(), dayText: Day.today().iso, to: &moved, rollup: &rollup)
                    #expect(moved.shape == 0 && moved.pickupCode == parcel.pickupCode, "\(kind) changes more than the status")
                    let rules = ScanRecorder.check(item, parcel: parcel, station: nil, now: Date())
                    // Each attempt is rolled back, so every kind meets every state as set above.
                    let outcome = await #expect(throws: (any Error).self) {
                        try await db.transaction { tx in
                            do { _ = try await batch.commit(on: tx) } catch is ScanBatch.Stale { throw Refused() } catch where BulkStatement.isUniqueViolation(error) {
                                throw RecordedAlready()
                            }
                            throw Accepted()
                        }
                    }
                    let passed = outcome is Accepted || (kind == .received && outcome is RecordedAlready)
                    #expect(outcome is Accepted || outcome is Refused || outcome is RecordedAlready, "\(String(describing: outcome))")
                    if case .success = rules { accepted += 1; #expect(passed, "\(kind) on \(s)") } else { #expect(outcome is Refused, "\(kind) on \(s)") }
                }
            }
            #expect(accepted > 20, "the rules allow some scans of these states: \(accepted)")
        }
    }

    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func theUsualBatchWritesWhatTheUsualWayWrites() async throws {
        try await withTestStore(.postgres) { session in
            let db = session.db
            let (county, station, waybills, inputs) = try await takenIn(db, prefix: 80, count: 50) { 100 + $0 }
            let at = Date().addingTimeInterval(-3_600)
            let items = waybills.map { ScanInput(waybill: $0, kind: "sorted", at: at, note: "线1\r\n") }
            let batch = try #require(StatusScans(items, county: county, actor: actor, station: nil, engine: .postgres, now: Date()))
            let replies = try await db.transaction { tx in try await batch.commit(on: tx) }
            #expect(replies.map(\.index) == Array(0..<50) && replies.allSatisfy { $0.outcome == .created && $0.pickupCode == nil })
            #expect(try await ParcelState.byWaybill(waybills, county: county, on: db).values.allSatisfy { $0.status == "sorted" })
            let scans = try await ScanEvent.query(on: db).filter(\.$kind == "sorted").all()
            #expect(scans.count == 50 && scans.allSatisfy { $0.note == "线1\n" && $0.actor == actor.name && abs($0.at.timeIntervalSince(at)) < 0.001 })
            let rows = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db)
            #expect(rows.map { $0["sorted"] }.reduce(0, +) == 50)
            #expect(rows.map { $0["sorted_g"] }.reduce(0, +) == Int64((100..<150).reduce(0, +)))
            #expect(rows.filter { $0["sorted"] > 0 }.allSatisfy { $0.station == station && $0.carrier == inputs[0].carrier })
            // Sent again: the plain INSERT meets the recorded scans and nothing of it stays...
            let again = await #expect(throws: (any Error).self) { try await db.transaction { tx in _ = try await batch.commit(on: tx) } }
            #expect(again.map(ScanBatch.isStale) == true)
            // ...and through the front door each item is answered duplicate.
            let resent = try await ScanRecorder.record(items, county: county, actor: actor, on: db)
            #expect(resent.allSatisfy { $0.outcome == .duplicate })
            #expect(try await scanCount(db) == 100)
        }
    }

    /// Items with their own times, places and notes: each scan gets its item's, and the rollup
    /// counts each on its own Beijing day.
    @Test(.enabled(if: Engine.all.contains(.postgres), "needs PostgreSQL (./scripts/test starts one)"))
    func eachScanKeepsItsItemsTimePlaceAndNote() async throws {
        try await withTestStore(.postgres) { session in
            let db = session.db
            let (county, station, waybills, _) = try await takenIn(db, prefix: 82, count: 20)
            // A day apart: two rollup days.
            let day1 = Date(timeIntervalSince1970: 1_790_000_000), day2 = day1.addingTimeInterval(86_400)
            let items = waybills.enumerated().map { i, w in
                ScanInput(waybill: w, kind: "arrivedHub", at: i % 2 == 0 ? day1 : day2, place: i % 4 == 0 ? station : nil, note: "车\(i)")
            }
            let batch = try #require(StatusScans(items, county: county, actor: actor, station: nil, engine: .postgres, now: Date()))
            _ = try await db.transaction { tx in try await batch.commit(on: tx) }
            let scans = try await ScanEvent.query(on: db).filter(\.$kind == "arrivedHub").all()
            let parcels = try await ParcelState.byWaybill(waybills, county: county, on: db)
            #expect(scans.count == 20)
            for (i, w) in waybills.enumerated() {
                let scan = try #require(scans.first { $0.parcelID == parcels[w]?.id })
                #expect(scan.note == "车\(i)" && scan.at == items[i].at && scan.placeID == items[i].place, "\(i)")
                #expect(scan.day == Day.today(now: items[i].at ?? Date()).iso && scan.month == parcels[w]?.month)
            }
            let rows = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).filter { $0["arrived_hub"] > 0 }
            #expect(Set(rows.map(\.day)) == [Day.today(now: day1).iso, Day.today(now: day2).iso])
            #expect(rows.map { $0["arrived_hub"] }.sorted() == [10, 10])
        }
    }

    @Test(arguments: Engine.all) func aBatchWithOneBadItemAnswersEachItem(_ engine: Engine) async throws {
        try await withTestStore(engine) { session in
            let db = session.db
            let (county, _, waybills, _) = try await takenIn(db, prefix: 81, count: 12)
            _ = try await ScanRecorder.record([ScanInput(waybill: waybills[4], kind: "lost")], county: county, actor: actor, on: db)
            let items = waybills.map { ScanInput(waybill: $0, kind: "loaded", note: "车A") } + [ScanInput(waybill: "81999999999999", kind: "loaded")]
            let replies = try await ScanRecorder.record(items, county: county, actor: actor, on: db)
            #expect(replies.map(\.outcome) == (0..<13).map { $0 == 4 || $0 == 12 ? .rejected : .created })
            #expect(replies[4].errors?["kind"] == "logistics.error.closed")
            #expect(replies[12].errors?["waybill"] == "logistics.error.unknownWaybill")
            let statuses = try await ParcelState.byWaybill(waybills, county: county, on: db)
            #expect(statuses.values.filter { $0.status == "loaded" }.count == 11 && statuses[waybills[4]]?.status == "lost")
            let loaded = try await DailyRollup.rows(county: county.value, from: "2000-01-01", to: "2100-01-01", on: db).map { $0["loaded"] }.reduce(0, +)
            #expect(loaded == 11)
        }
    }
}
