import CommerceCore
import FluentKit
import Foundation
import SQLKit
import XiangcunKit

/// Reads of the training ledger, always within one county.
public enum TrainingQueries {
    public static func session(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> TrainingSession? {
        try await TrainingSession.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    public static func trainee(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> Trainee? {
        try await Trainee.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    /// Sessions, newest first, one page; `paired` nil for all.
    public static func sessions(county: DivisionCode, paired: Bool? = nil, page: Int = 1, per: Int = 50,
                                on db: any Database) async throws -> (items: [TrainingSession], total: Int) {
        let q = TrainingSession.query(on: db).filter(\.$countyCode == county.value)
        if let paired { q.filter(\.$paired == paired) }
        let total = try await q.copy().count()
        let items = try await q.sort(\.$heldOn, .descending).sort(\.$title).range(((page - 1) * per)..<(page * per)).all()
        return (items, total)
    }

    /// Person-times and people per session (one grouped query).
    public static func figures(sessions ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Attendance.query(on: db).filter(\.$sessionID ~~ ids).all(\.$sessionID)
        return Dictionary(grouping: rows, by: { $0 }).mapValues(\.count)
    }

    /// The people signed in at a session, by name.
    public static func attendees(of session: UUID, on db: any Database) async throws -> [Trainee] {
        let ids = try await Attendance.query(on: db).filter(\.$sessionID == session).all(\.$traineeID)
        guard !ids.isEmpty else { return [] }
        return try await Trainee.query(on: db).filter(\.$id ~~ ids).sort(\.$name).all()
    }

    public static func sessions(of trainee: UUID, on db: any Database) async throws -> [TrainingSession] {
        let ids = try await Attendance.query(on: db).filter(\.$traineeID == trainee).all(\.$sessionID)
        guard !ids.isEmpty else { return [] }
        return try await TrainingSession.query(on: db).filter(\.$id ~~ ids).sort(\.$heldOn).all()
    }

    public static func conversion(_ id: UUID, county: DivisionCode, on db: any Database) async throws -> Conversion? {
        try await Conversion.query(on: db).filter(\.$id == id).filter(\.$countyCode == county.value).first()
    }

    public static func conversions(of trainee: UUID, on db: any Database) async throws -> [Conversion] {
        try await Conversion.query(on: db).filter(\.$traineeID == trainee).sort(\.$happenedOn).all()
    }

    /// Everything the counting rules need for the county's own (or the paired county's) training.
    public struct Ledger: Sendable {
        public var tally: TrainingTally
        public var conversionRate: Decimal?
        public var converted: Int
        public var leaders: Int
    }

    public static func ledger(county: DivisionCode, paired: Bool = false, on db: any Database) async throws -> Ledger {
        let sessions = try await TrainingSession.query(on: db).filter(\.$countyCode == county.value).filter(\.$paired == paired).all()
        let kinds = Dictionary(uniqueKeysWithValues: sessions.compactMap { s in s.id.map { ($0, TrainingKind(rawValue: s.kind) ?? .basic) } })
        let attendance = try await Attendance.query(on: db).filter(\.$countyCode == county.value).all()
            .filter { kinds[$0.sessionID] != nil }
        let people = try await Trainee.query(on: db).filter(\.$countyCode == county.value).all()
        let byID = Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p) } })
        let facts = attendance.compactMap { a -> AttendanceFact? in
            guard let p = byID[a.traineeID], let kind = kinds[a.sessionID] else { return nil }
            return AttendanceFact(session: a.sessionID, kind: kind, person: p.idNumber, township: p.townshipCode, groups: AttendeeGroup.decode(p.groups))
        }
        let tally = TrainingTally(facts: facts, sessions: sessions.compactMap { s in s.id.map { ($0, TrainingKind(rawValue: s.kind) ?? .basic) } })
        let trainedIDs = Set(attendance.map(\.traineeID))
        let convertedIDs = Set(try await Conversion.query(on: db).filter(\.$countyCode == county.value).all(\.$traineeID)).intersection(trainedIDs)
        let rate = ConversionRate.percent(converted: Set(convertedIDs.compactMap { byID[$0]?.idNumber }),
                                          trained: Set(trainedIDs.compactMap { byID[$0]?.idNumber }))
        let leaders = people.filter { $0.isLeader && trainedIDs.contains($0.id ?? UUID()) }.count
        return Ledger(tally: tally, conversionRate: rate, converted: convertedIDs.count, leaders: leaders)
    }

    /// Person-times and people with two aggregate queries (for indicators: no rows loaded).
    public static func totals(county: DivisionCode, paired: Bool, through day: Day, on db: any Database) async throws -> TrainingFigure {
        guard let sql = db as? any SQLDatabase else { return TrainingFigure(personTimes: 0, people: 0) }
        let row = try await sql.raw("""
            SELECT COUNT(*) AS n, COUNT(DISTINCT a.trainee_id) AS p FROM commerce_attendances a
            JOIN commerce_training_sessions s ON s.id = a.session_id
            WHERE a.county_code = \(bind: county.value) AND s.paired = \(bind: paired) AND s.held_on <= \(bind: day.iso)
            """).first()
        return TrainingFigure(personTimes: try row?.decode(column: "n", as: Int.self) ?? 0, people: try row?.decode(column: "p", as: Int.self) ?? 0)
    }

    /// Attendance rows of the ledger export, by session day then name.
    /// The county's sessions by day, title and id — a total order (as is name, ID number for the
    /// people): equal keys would otherwise come out in storage order, which a restore changes,
    /// and the same data must give the same ledger.
    public static func sessionsInOrder(county: DivisionCode, on db: any Database) async throws -> [TrainingSession] {
        try await TrainingSession.query(on: db).filter(\.$countyCode == county.value).sort(\.$heldOn).sort(\.$title).sort(\.$id).all()
    }

    public static func ledgerRows(county: DivisionCode, on db: any Database) async throws -> [(TrainingSession, Trainee)] {
        try await ledgerRows(county: county, sessions: try await sessionsInOrder(county: county, on: db), on: db)
    }

    /// Attendance rows of `sessions` (already read, in order), people by name within a session.
    public static func ledgerRows(county: DivisionCode, sessions: [TrainingSession], on db: any Database) async throws -> [(TrainingSession, Trainee)] {
        let people = try await Trainee.query(on: db).filter(\.$countyCode == county.value).all()
        let byID = Dictionary(uniqueKeysWithValues: people.compactMap { p in p.id.map { ($0, p) } })
        let attendance = Dictionary(grouping: try await Attendance.query(on: db).filter(\.$countyCode == county.value).all(), by: \.sessionID)
        return sessions.flatMap { s in
            (attendance[s.id ?? UUID()] ?? []).compactMap { a in byID[a.traineeID].map { (s, $0) } }.sorted { ($0.1.name, $0.1.idNumber) < ($1.1.name, $1.1.idNumber) }
        }
    }
}

extension TrainingQueries {
    /// People of the county's own sessions (held by `day`) who converted by `day`, and the leaders among them.
    public static func convertedAndLeaders(county: DivisionCode, through day: Day, on db: any Database) async throws -> (Int, Int) {
        guard let sql = db as? any SQLDatabase else { return (0, 0) }
        let converted = try await sql.raw("""
            SELECT COUNT(DISTINCT c.trainee_id) AS n FROM commerce_conversions c
            WHERE c.county_code = \(bind: county.value) AND c.happened_on <= \(bind: day.iso) AND c.trainee_id IN (
              SELECT a.trainee_id FROM commerce_attendances a JOIN commerce_training_sessions s ON s.id = a.session_id
              WHERE a.county_code = \(bind: county.value) AND s.paired = \(bind: false) AND s.held_on <= \(bind: day.iso))
            """).first()
        let leaders = try await sql.raw("""
            SELECT COUNT(*) AS n FROM commerce_trainees t
            WHERE t.county_code = \(bind: county.value) AND t.leader_since IS NOT NULL AND t.leader_since <= \(bind: day.iso) AND t.id IN (
              SELECT a.trainee_id FROM commerce_attendances a JOIN commerce_training_sessions s ON s.id = a.session_id
              WHERE a.county_code = \(bind: county.value) AND s.paired = \(bind: false) AND s.held_on <= \(bind: day.iso))
            """).first()
        return (try converted?.decode(column: "n", as: Int.self) ?? 0, try leaders?.decode(column: "n", as: Int.self) ?? 0)
    }
}
