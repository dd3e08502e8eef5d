import Commerce
import CommerceCore
import Divisions
import FluentKit
import Foundation
import ServiceNetwork
import TestDatabases
import Testing
import XiangcunKit

/// The demo ledgers are sized like the seeds and loading twice changes nothing (both engines).
@Suite("Commerce demo")
struct CommerceDemoTests {
    @Test(arguments: Engine.all)
    func demoHasTheSeedFiguresAndTwiceChangesNothing(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            let county = TrainingStoreTests.county
            try await TrainingStoreTests.divisions(db)
            _ = try await NetworkDemo.load(county: county, on: db)
            try await CommerceDemo.load(county: county, on: db)
            let day = Day.of(2022, 12, 31)
            let v = try await CommerceIndicators.all(county: county, day: day, on: db)
            #expect(v["training.personTimes"] == 1366)
            #expect(v["training.basicSessions"] == 19 && v["training.advancedSessions"] == 5)
            #expect(v["assistance.pairedPersonTimes"] == 129)
            #expect(v["live.rooms"] == 13 && v["live.bases"] == 2)
            #expect(v["assistance.pairedProducts"] == 6 && v["assistance.pairedPlatforms"] == 7)
            #expect(v["villages.recognised"] == 2)
            #expect(v["assistance.helpSalesAmount"] ?? 0 >= 13_250) // 5,300 斤 × 2.50 元 and more
            let people = try #require(v["training.people"])
            #expect(people < 1366 && people > 500) // many came to more than one session
            let rate = try #require(v["training.conversionRate"])
            #expect(rate >= 1)
            #expect(v["training.leaders"] == 4)
            #expect(try await Trainee.query(on: db).filter(\.$sample == false).count() == 0)
            let rows = try await Attendance.query(on: db).count()
            try await CommerceDemo.load(county: county, on: db)
            #expect(try await Attendance.query(on: db).count() == rows)
            #expect(try await CommerceIndicators.all(county: county, day: day, on: db) == v)
            // Every demo ID number is a valid GB 11643 number.
            for t in try await Trainee.query(on: db).all() { #expect(Identifiers.isValidIDNumber(t.idNumber)) }
        }
    }
}
