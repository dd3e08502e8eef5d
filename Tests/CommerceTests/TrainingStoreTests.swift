import Audit
import Commerce
import CommerceCore
import Divisions
import FluentKit
import NetworkCore
import Foundation
import TestDatabases
import Testing
import XiangcunKit

/// The training ledger against a real database, on both engines.
@Suite("Training store")
struct TrainingStoreTests {
    static let county = try! DivisionCode("331123000000")
    static func id(_ body: String) -> String { body + String(Identifiers.idNumberCheck(body) ?? "?") }
    let wang = TrainingStoreTests.id("33112319900101001")
    let li = TrainingStoreTests.id("33112319920202002")
    let zhao = TrainingStoreTests.id("33112319850303003")

    static func divisions(_ db: any Database) async throws {
        let rows = try DivisionFiles.parse(try DivisionData.demoCounty(), encoding: "utf8")
        _ = try await DivisionImporter.importRows(rows, actor: .cli("test"), on: db)
    }

    static func session(_ title: String, _ kind: String = "basic", day: String = "2021-05-01", paired: Bool = false, on db: any Database) async throws -> TrainingSession {
        var input = SessionInput()
        input.kind = kind; input.title = title; input.day = day; input.place = "县电商公共服务中心"; input.trainer = "张老师"; input.hours = "3.5"; input.paired = paired
        return try await TrainingService.createSession(input, county: county, actor: .cli("test"), on: db)
    }

    @Test(arguments: Engine.all)
    func onePersonAtTwoSessionsIsTwoPersonTimesAndOnePerson(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await Self.divisions(db)
            let s1 = try await Self.session("基础培训一", on: db), s2 = try await Self.session("高级培训一", "advanced", on: db)
            try await TrainingService.addAttendee(AttendeeInput(name: "王丽", idNumber: wang, phone: "13800001111", township: "妙高街道", groups: "妇女"), to: s1, actor: .cli("t"), on: db)
            try await TrainingService.addAttendee(AttendeeInput(name: "王丽", idNumber: wang.lowercased()), to: s2, actor: .cli("t"), on: db)
            // Signing the same person in again at one session is refused, and counts nothing.
            await #expect(throws: ValidationFailure(["idNumber": "training.error.alreadySigned"])) {
                try await TrainingService.addAttendee(AttendeeInput(name: "王丽", idNumber: wang), to: s1, actor: .cli("t"), on: db)
            }
            // The same ID number under another name is an error.
            await #expect(throws: ValidationFailure.self) {
                try await TrainingService.addAttendee(AttendeeInput(name: "王莉", idNumber: wang), to: s2, actor: .cli("t"), on: db)
            }
            #expect(try await Trainee.query(on: db).count() == 1)
            let ledger = try await TrainingQueries.ledger(county: Self.county, on: db)
            #expect(ledger.tally.total == TrainingFigure(personTimes: 2, people: 1))
            #expect(ledger.tally.byGroup[.woman] == TrainingFigure(personTimes: 2, people: 1))
            #expect(ledger.tally.byTownship["331123001000"] == TrainingFigure(personTimes: 2, people: 1))
            let values = try await CommerceIndicators.all(county: Self.county, day: Day.of(2021, 12, 31), on: db)
            #expect(values["training.personTimes"] == 2)
            #expect(values["training.people"] == 1)
            #expect(values["training.basicSessions"] == 1 && values["training.advancedSessions"] == 1)
            // Before the sessions were held nothing counts.
            #expect(try await CommerceIndicators.all(county: Self.county, day: Day.of(2021, 4, 30), on: db)["training.personTimes"] == nil)
        }
    }

    @Test(arguments: Engine.all)
    func conversionRateCountsTrainedPeopleWhoConverted(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await Self.divisions(db)
            let s = try await Self.session("基础培训", on: db), paired = try await Self.session("通江专题", day: "2021-06-01", paired: true, on: db)
            var people: [Trainee] = []
            for (name, id) in [("王丽", wang), ("李强", li), ("赵敏", zhao)] {
                people.append(try await TrainingService.addAttendee(AttendeeInput(name: name, idNumber: id), to: s, actor: .cli("t"), on: db))
            }
            try await TrainingService.addAttendee(AttendeeInput(name: "通江学员", idNumber: Self.id("51192119900101001")), to: paired, actor: .cli("t"), on: db)
            _ = try await TrainingService.addConversion(to: people[0], kind: "openedShop", day: "2021-09-01", note: "", actor: .cli("t"), on: db)
            _ = try await TrainingService.addConversion(to: people[0], kind: "liveSelling", day: "2021-10-01", note: "", actor: .cli("t"), on: db)
            await #expect(throws: ValidationFailure.self) {
                _ = try await TrainingService.addConversion(to: people[1], kind: "nonsense", day: "2099-01-01", note: "", actor: .cli("t"), on: db)
            }
            try await TrainingService.setLeader(people[0], since: Day.of(2021, 12, 1), actor: .cli("t"), on: db)
            let ledger = try await TrainingQueries.ledger(county: Self.county, on: db)
            #expect(ledger.converted == 1)
            #expect(ledger.conversionRate == Decimal(string: "33.33"))
            #expect(ledger.leaders == 1)
            #expect(ledger.tally.total.people == 3) // the paired county's trainee is counted apart
            let values = try await CommerceIndicators.all(county: Self.county, day: Day.of(2021, 12, 31), on: db)
            #expect(values["training.conversionRate"] == Decimal(string: "33.33"))
            #expect(values["training.converted"] == 1 && values["training.leaders"] == 1)
            #expect(values["assistance.pairedPersonTimes"] == 1 && values["training.personTimes"] == 3)
            #expect(try await CommerceIndicators.all(county: Self.county, day: Day.of(2021, 9, 15), on: db)["training.conversionRate"] == Decimal(string: "33.33"))
            #expect(try await CommerceIndicators.all(county: Self.county, day: Day.of(2021, 8, 31), on: db)["training.conversionRate"] == 0)
        }
    }

    @Test(arguments: Engine.all)
    func unmaskingAnIDNumberIsAuditedWithoutTheNumber(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await Self.divisions(db)
            let s = try await Self.session("基础培训", on: db)
            let t = try await TrainingService.addAttendee(AttendeeInput(name: "王丽", idNumber: wang, phone: "13800001111"), to: s, actor: .cli("t"), on: db)
            let before = try await AuditEntry.query(on: db).filter(\.$action == AuditAction.view.rawValue).count()
            #expect(try await TrainingService.revealIDNumber(t, actor: AuditActor(userID: nil, name: "suichang", address: "10.0.0.1"), on: db) == wang)
            let views = try await AuditEntry.query(on: db).filter(\.$action == AuditAction.view.rawValue).all()
            #expect(views.count == before + 1)
            #expect(views.last?.entityID == t.id?.uuidString && views.last?.actorName == "suichang")
            // No audit entry anywhere holds the whole ID number or phone.
            for entry in try await AuditEntry.query(on: db).all() {
                let text = (entry.newValues ?? "") + (entry.oldValues ?? "")
                #expect(!text.contains(wang) && !text.contains("13800001111"))
            }
        }
    }

    @Test(arguments: Engine.all)
    func aSheetWithABadRowImportsNothing(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            try await Self.divisions(db)
            let s = try await Self.session("基础培训", on: db)
            try await TrainingService.addAttendee(AttendeeInput(name: "王丽", idNumber: wang), to: s, actor: .cli("t"), on: db)
            let s2 = try await Self.session("第二期", day: "2021-05-02", on: db)
            let bad = "姓名,身份证号,乡镇\n李强,\(li),大柘镇\n王莉,\(wang),\n赵敏,123,\n"
            do {
                _ = try await TrainingService.importSignIn(Data(bad.utf8), session: s2, actor: .cli("t"), on: db)
                Issue.record("a bad sheet was imported")
            } catch let failed as ImportFailed {
                let cells = failed.issues.map { "\($0.row)\($0.column ?? "")" }
                #expect(cells == ["3B", "4B"]) // ID known as 王丽; not a valid ID number
            }
            #expect(try await Attendance.query(on: db).count() == 1)
            #expect(try await Trainee.query(on: db).count() == 1)
            let good = "\u{FEFF}姓名,身份证号,乡镇,群体\n李强,\(li),大柘镇,退役军人\n王丽,\(wang),,\n"
            let r = try await TrainingService.importSignIn(Data(good.utf8), session: s2, actor: .cli("t"), on: db)
            #expect(r == TrainingService.ImportResult(added: 2, alreadySigned: 0))
            let again = try await TrainingService.importSignIn(Data(good.utf8), session: s2, actor: .cli("t"), on: db)
            #expect(again == TrainingService.ImportResult(added: 0, alreadySigned: 2))
            #expect(try await TrainingQueries.ledger(county: Self.county, on: db).tally.total == TrainingFigure(personTimes: 3, people: 2))
        }
    }
}
