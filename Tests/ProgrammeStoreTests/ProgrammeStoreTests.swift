import Divisions
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import TestDatabases
import Testing
import XiangcunKit

/// The programme store at the database level, on both engines: a plan goes in and comes back
/// out as the same snapshot, payments stay within their plan, and public evidence is only that
/// of verified reports.
@Suite("Programme store (database)")
struct ProgrammeStoreTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("image".utf8)

    func day(_ text: String) throws -> Day { try #require(Day(text)) }

    func plan() throws -> ProgrammePlan {
        ProgrammePlan(
            info: ProgrammeInfo(countyCode: "331123000000", batchYear: 2021, title: "遂昌县示范项目", centralFundsAllocated: try Money(wanYuan: "500")),
            subsystems: [SubsystemPlan(code: "1", name: "物流体系", order: 1)],
            tasks: [TaskPlan(code: "1.1", subsystemCode: "1", name: "共配中心", contractors: ["物流公司"])],
            targets: [TargetPlan(taskCode: "1.1", code: "1.1.a", metric: "共配中心", unit: "个", value: 1)],
            contractors: [ContractorPlan(name: "物流公司")],
            fundRows: [FundPlanRow(contractor: "物流公司", content: "物流体系", subsystemCode: "1", planned: try Money(wanYuan: "100"), category: .logistics)],
            disbursements: [DisbursementPlan(contractor: "物流公司", content: "物流体系", date: try day("2021-06-01"), amount: try Money(wanYuan: "40"))],
            progress: [ProgressEntry(targetCode: "1.1.a", asOf: try day("2021-06-01"), actual: 1, narrative: "已建成")])
    }

    func imported(_ db: any Database) async throws -> ProgrammeRecord {
        _ = try await DivisionImporter.importRows(try BuiltinDivisions.county("331123"), actor: .cli("test"), on: db)
        return try await ProgrammeStore.importPlan(try plan(), county: try DivisionCode("331123"), replace: false, actor: .cli("test"), on: db)
    }

    @Test(arguments: Engine.all)
    func aPlanComesBackAsTheSameSnapshot(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let record = try await imported(store.db)
            let snapshot = try await ProgrammeSnapshotLoader.snapshot(of: record, countyName: "遂昌县", asOf: try day("2021-12-31"), on: store.db)
            let original = try plan()
            #expect(snapshot.plan.info.title == original.info.title)
            #expect(snapshot.plan.tasks.map(\.code) == ["1.1"])
            #expect(snapshot.plan.targets.map(\.value) == [1])
            #expect(snapshot.plan.contractedTotal == original.contractedTotal)
            let funds = FundTable(plan: snapshot.plan)
            #expect(funds.totalDisbursed == (try Money(wanYuan: "40")))
            // A second import of the same batch without `replace` is refused and changes nothing.
            await #expect(throws: (any Error).self) {
                _ = try await ProgrammeStore.importPlan(try plan(), county: try DivisionCode("331123"), replace: false, actor: .cli("test"), on: store.db)
            }
            #expect(try await ProgrammeStore.programmes(county: try DivisionCode("331123"), on: store.db).count == 1)
        }
    }

    @Test(arguments: Engine.all)
    func paymentsStayWithinTheirPlanAndOffTheNegativeList(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let record = try await imported(store.db)
            let row = try #require(try await FundRowRecord.query(on: store.db).first()).requireID()
            func pay(_ yuan: String, _ category: String = "logistics") async throws -> DisbursementRecord {
                try await Disbursements.create(NewDisbursement(fundRowID: row, date: "2021-07-01", amountYuan: yuan, tranche: "第二笔", basis: "合同", category: category),
                                               programme: record, actor: .cli("test"), on: store.db)
            }
            // 100 万 planned, 40 万 already paid: 60 万 fits, one more fen does not.
            do { _ = try await pay("600000.01"); Issue.record("a payment past the plan was accepted") } catch let f as ValidationFailure {
                #expect(f.fields == ["amountYuan": "error.overPlan|60.00"])
            }
            do { _ = try await pay("100", "buyingTraffic"); Issue.record("a negative-list payment was accepted") } catch let f as ValidationFailure {
                #expect(f.fields["category"] == "error.negativeList")
            }
            let fits = try await pay("600000.00")
            #expect(fits.status == "pending" && fits.amountFen == 60_000_000)
            #expect(try await DisbursementRecord.query(on: store.db).count() == 2)
        }
    }

    @Test(arguments: Engine.all)
    func onlyVerifiedReportsPublishTheirEvidence(_ engine: Engine) async throws {
        try await withTestStore(engine) { store in
            let db = store.db
            _ = try await imported(db)
            let report = try #require(try await ProgressRecord.query(on: db).first())
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xc-ev-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dir) }
            func keep(_ kind: Evidence.Kind, owner: UUID, isPublic: Bool) async throws -> UUID {
                try await Evidence.store(Self.png, filename: "a.png", kind: kind, ownerID: owner, county: "331123000000", isPublic: isPublic,
                                         dataDir: dir, actor: .cli("test"), on: db).requireID()
            }
            let shown = try await keep(.progress, owner: try report.requireID(), isPublic: true)
            let hidden = try await keep(.progress, owner: try report.requireID(), isPublic: false)
            let payment = try await keep(.disbursement, owner: try #require(try await DisbursementRecord.query(on: db).first()).requireID(), isPublic: true)
            report.status = ProgressStatus.submitted.rawValue
            try await report.save(on: db)
            #expect(try await Evidence.published(shown, county: "331123000000", on: db) == nil, "a submitted report's file")
            report.status = ProgressStatus.verified.rawValue
            try await report.save(on: db)
            #expect(try await Evidence.published(shown, county: "331123000000", on: db)?.id == shown)
            #expect(try await Evidence.published(shown, county: "331124000000", on: db) == nil, "another county")
            #expect(try await Evidence.published(hidden, county: "331123000000", on: db) == nil, "not marked public")
            #expect(try await Evidence.published(payment, county: "331123000000", on: db) == nil, "a disbursement's file")
        }
    }
}
