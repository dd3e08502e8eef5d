import Accounts
import Divisions
import FluentKit
import Foundation
import Programme
import ProgrammeCore
import ServiceNetwork
import XiangcunKit

/// 待办 — what waits for one user, computed from the data on every visit (nothing to keep in
/// sync): reports returned to a contractor, reports and payments waiting for review, deadlines
/// close or past, and a station's monthly record not yet entered.
public struct InboxItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Progress reports sent back to this contractor, with the reviewer's comment.
        case progressReturned
        /// Progress reports waiting for verification (auditors, county administrators).
        case progressAwaitingReview
        /// Disbursements waiting for approval (county administrators).
        case disbursementsAwaitingApproval
        /// Tasks past their deadline, or due within 30 days, that the user answers for.
        case tasksOverdue, tasksDueSoon
        /// The station's monthly record for the month just ended is not entered yet.
        case monthlyRecordDue
    }

    public var kind: Kind
    public var count: Int
    /// A month (`2025-06`) for the record, the latest reviewer's comment for a returned report.
    public var detail: String?
    /// The record the item points at when there is one (the station, the task).
    public var subject: UUID?
}

public enum Inbox {
    /// The items for `user` in `county`, most urgent first; empty when nothing waits.
    public static func items(for user: User, county: DivisionCode, today: Day = .today(), on db: any Database) async throws -> [InboxItem] {
        switch user.userRole {
        case .stationOperator: return try await stationItems(user, county: county, today: today, on: db)
        case .contractor, .countyAdmin, .auditor, .systemAdmin:
            guard let programme = try await ProgrammeStore.current(county: county, on: db) else { return [] }
            return try await programmeItems(user, programme: programme, today: today, on: db)
        case .provinceViewer, .sorter, .driver, .inspector, .producer: return []
        }
    }

    static func programmeItems(_ user: User, programme: ProgrammeRecord, today: Day, on db: any Database) async throws -> [InboxItem] {
        let id = try programme.requireID()
        let role = user.userRole
        var items: [InboxItem] = []
        // The contractor's own tasks; every task for those who oversee the programme.
        let names: [String]? = role == .contractor ? try await ProgrammeEdits.contractorNames(of: try user.requireID(), programme: programme, on: db) : nil
        let tasks = try await TaskRecord.query(on: db).filter(\.$programmeID == id).all()
            .filter { task in names.map { !Set($0).isDisjoint(with: ProgrammeSnapshotLoader.split(task.contractors)) } ?? true }
        let taskCodes = Set(tasks.map(\.code))
        let targets = try await TargetRecord.query(on: db).filter(\.$programmeID == id).all().filter { taskCodes.contains($0.taskCode) }
        let targetCodes = Set(targets.map(\.code))
        let reports = try await ProgressRecord.query(on: db).filter(\.$programmeID == id).sort(\.$createdAt, .descending).all()
            .filter { targetCodes.contains($0.targetCode) }
        if role == .contractor {
            // A report counts as returned until a newer report for the same target was sent.
            var latest: [String: ProgressRecord] = [:]
            for r in reports where latest[r.targetCode] == nil { latest[r.targetCode] = r }
            let returned = latest.values.filter { $0.status == ProgressStatus.returned.rawValue }
            if !returned.isEmpty {
                items.append(InboxItem(kind: .progressReturned, count: returned.count, detail: returned.first?.reviewComment, subject: nil))
            }
        }
        if role == .auditor || role == .countyAdmin || role == .systemAdmin {
            let waiting = reports.filter { $0.status == ProgressStatus.submitted.rawValue }.count
            if waiting > 0 { items.append(InboxItem(kind: .progressAwaitingReview, count: waiting)) }
        }
        if role == .countyAdmin || role == .systemAdmin {
            let pending = try await DisbursementRecord.query(on: db).filter(\.$programmeID == id)
                .filter(\.$status == DisbursementStatus.pending.rawValue).count()
            if pending > 0 { items.append(InboxItem(kind: .disbursementsAwaitingApproval, count: pending)) }
        }
        items += try await deadlineItems(programme, taskCodes: taskCodes, today: today, on: db)
        return items
    }

    /// Overdue and due-soon tasks, judged by the programme's own deadline rule.
    static func deadlineItems(_ programme: ProgrammeRecord, taskCodes: Set<String>, today: Day, on db: any Database) async throws -> [InboxItem] {
        guard !taskCodes.isEmpty else { return [] }
        let name = try await Division.find(programme.countyCode, on: db)?.name ?? ""
        let view = try await ProgrammeView.load(programme, countyName: name, asOf: today, on: db)
        let mine = view.deadlines.filter { taskCodes.contains($0.task.code) }
        var items: [InboxItem] = []
        let overdue = mine.filter { $0.status == .overdue }
        if !overdue.isEmpty { items.append(InboxItem(kind: .tasksOverdue, count: overdue.count, detail: overdue.first?.task.name)) }
        let soon = mine.filter { $0.status == .dueSoon }
        if !soon.isEmpty { items.append(InboxItem(kind: .tasksDueSoon, count: soon.count, detail: soon.first?.task.name)) }
        return items
    }

    /// The month just ended, once it has a station record due and none was entered.
    static func stationItems(_ user: User, county: DivisionCode, today: Day, on db: any Database) async throws -> [InboxItem] {
        guard let station = try await NetworkQueries.operatorFacility(userID: try user.requireID(), county: county, on: db),
              let stationID = station.id else { return [] }
        let month = today.monthKey.previous
        let entered = try await NetworkQueries.records(of: stationID, on: db).contains { $0.month == month.text }
        guard !entered else { return [] }
        return [InboxItem(kind: .monthlyRecordDue, count: 1, detail: month.text, subject: stationID)]
    }
}
