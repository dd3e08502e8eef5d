import FluentKit
import Foundation
import ProgrammeCore
import XiangcunKit

/// Reads a stored programme back as values for computations and reports.
public enum ProgrammeSnapshotLoader {
    public static func plan(of p: ProgrammeRecord, on db: any Database) async throws -> ProgrammePlan {
        plan(try await ProgrammeRows.load(p, on: db))
    }

    /// The plan as values, from rows already read.
    public static func plan(_ rows: ProgrammeRows) -> ProgrammePlan {
        let p = rows.programme
        let info = ProgrammeInfo(
            countyCode: p.countyCode, batchYear: p.batchYear, title: p.title, approvalDate: p.approvalDate.flatMap(Day.init),
            centralFundsAllocated: Money(fen: p.centralAllocatedFen), localMatchingFunds: Money(fen: p.localMatchingFen),
            enterpriseFunds: Money(fen: p.enterpriseFen), status: ProgrammeStatus(rawValue: p.status) ?? .implementing,
            leadershipGroup: p.leadershipGroup, office: p.office, supervision: p.supervision)
        let names = rows.contractorNames
        let rowByID = Dictionary(rows.fundRows.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        return ProgrammePlan(
            info: info,
            subsystems: rows.subsystems.map { SubsystemPlan(code: $0.code, name: $0.name, order: $0.sortOrder) },
            tasks: rows.tasks.map {
                TaskPlan(code: $0.code, subsystemCode: $0.subsystemCode, name: $0.name, description: $0.description,
                         hardwareDeadline: $0.hardwareDeadline.flatMap(Day.init), operationDeadline: $0.operationDeadline.flatMap(Day.init),
                         deadlineNote: $0.deadlineNote, responsibleUnits: split($0.responsibleUnits), contractors: split($0.contractors))
            },
            targets: rows.targets.map {
                TargetPlan(taskCode: $0.taskCode, code: $0.code, metric: $0.metric, unit: $0.unit,
                           comparator: Comparator(rawValue: $0.comparator) ?? .atLeast, value: Decimal.exact($0.value) ?? 0, source: $0.source)
            },
            contractors: rows.contractors.map {
                ContractorPlan(name: $0.name, creditCode: $0.creditCode, selection: $0.selection,
                               agreementDate: $0.agreementDate.flatMap(Day.init), consortium: $0.consortium)
            },
            fundRows: rows.fundRows.map {
                FundPlanRow(contractor: names[$0.contractorID] ?? "", content: $0.content, subsystemCode: $0.subsystemCode,
                            planned: Money(fen: $0.plannedFen), category: SpendingCategory(rawValue: $0.category) ?? .other)
            },
            disbursements: rows.disbursements.compactMap { d in
                guard let row = rowByID[d.fundRowID], let date = Day(d.date) else { return nil }
                return DisbursementPlan(contractor: names[row.contractorID] ?? "", content: row.content, date: date, amount: Money(fen: d.amountFen),
                                        tranche: d.tranche, basis: d.basis, status: DisbursementStatus(rawValue: d.status) ?? .pending)
            },
            progress: rows.progress.compactMap { r in
                guard let day = Day(r.asOf) else { return nil }
                return ProgressEntry(targetCode: r.targetCode, asOf: day, actual: Decimal.exact(r.actual) ?? 0, narrative: r.narrative,
                                     status: ProgressStatus(rawValue: r.status) ?? .submitted, reviewComment: r.reviewComment)
            },
            narratives: Dictionary(rows.narratives.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The snapshot reports read, with the county's judged rates and the report date.
    public static func snapshot(of p: ProgrammeRecord, countyName: String, asOf: Day, on db: any Database) async throws -> ProgrammeSnapshot {
        snapshot(try await ProgrammeRows.load(p, on: db), countyName: countyName, asOf: asOf)
    }

    /// The snapshot from rows already read.
    public static func snapshot(_ rows: ProgrammeRows, countyName: String, asOf: Day) -> ProgrammeSnapshot {
        let judged = rows.targets.compactMap { t -> JudgedRate? in
            guard let text = t.judgedRate, let rate = Decimal.exact(text) else { return nil }
            return JudgedRate(targetCode: t.code, rate: rate, reason: t.judgedReason)
        }
        // Progress and narratives travel once, inside the plan.
        return ProgrammeSnapshot(plan: plan(rows), progress: [], judged: judged, narratives: [:], countyName: countyName, asOf: asOf)
    }

    public static func split(_ text: String) -> [String] {
        text.split(separator: "、").map(String.init).filter { !$0.isEmpty }
    }

    /// "1.10" after "1.9": numeric comparison of dotted codes.
    public static func codeOrder(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? Int.max }, y = b.split(separator: ".").map { Int($0) ?? Int.max }
        if x != y { return x.lexicographicallyPrecedes(y) }
        return a < b
    }
}
