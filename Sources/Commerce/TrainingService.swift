import Audit
import CommerceCore
import Divisions
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

/// A training session as typed on the form (strings, checked by `TrainingService`).
public struct SessionInput: Sendable, Equatable {
    public var kind = "basic", title = "", day = "", place = "", trainer = "", contractor = "", hours = "", materials = ""
    public var paired = false
    public init() {}
}

/// Every change to the training ledger, each in one transaction with its audit entry.
/// ID numbers go into the audit trail masked; phones never.
public enum TrainingService {
    static func validate(_ input: SessionInput, today: Day = .today()) throws -> (TrainingKind, String, Day, String, String, String, Int, String) {
        var failure = ValidationFailure()
        let kind = TrainingKind(rawValue: input.kind)
        if kind == nil { failure.add("kind", "error.required") }
        let title = FieldRules.name(input.title, field: "title", into: &failure)
        let day = FieldRules.factDay(input.day, field: "day", today: today, into: &failure)
        let place = FieldRules.name(input.place, field: "place", into: &failure)
        let trainer = FieldRules.name(input.trainer, field: "trainer", limit: 60, into: &failure)
        let contractor = FieldRules.name(input.contractor, field: "contractor", required: false, into: &failure) ?? ""
        let hours = hoursTenths(input.hours, into: &failure)
        let materials = FieldRules.text(input.materials, field: "materials", limit: 500, into: &failure)
        try failure.throwIfAny()
        guard let kind, let title, let day, let place, let trainer, let hours else { throw failure }
        return (kind, title, day, place, trainer, contractor, hours, materials)
    }

    /// "3.5" → 35 tenths; more than 0, at most 24 hours, at most one decimal.
    static func hoursTenths(_ raw: String, into failure: inout ValidationFailure) -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { failure.add("hours", "error.required"); return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }), (parts.count == 1 || parts[1].count == 1),
              let whole = Int(parts[0]), whole <= 24 else { failure.add("hours", "training.error.hours"); return nil }
        let tenths = whole * 10 + (parts.count == 2 ? Int(parts[1]) ?? 0 : 0)
        guard tenths > 0, tenths <= 240 else { failure.add("hours", "training.error.hours"); return nil }
        return tenths
    }

    public static func createSession(_ input: SessionInput, county: DivisionCode, actor: AuditActor, sample: Bool = false,
                                     on db: any Database) async throws -> TrainingSession {
        let (kind, title, day, place, trainer, contractor, hours, materials) = try validate(input)
        let s = TrainingSession()
        s.countyCode = county.value; s.kind = kind.rawValue; s.title = title; s.heldOn = day.iso; s.place = place; s.trainer = trainer
        s.contractorName = contractor; s.hoursTenths = hours; s.materials = materials; s.paired = input.paired; s.sample = sample
        try await db.writeTransaction { tx in
            try await s.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: TrainingSession.schema, entityID: try s.requireID().uuidString,
                                      county: county.value, new: ["kind": kind.rawValue, "title": title, "day": day.iso, "place": place,
                                                                  "trainer": trainer, "contractor": contractor, "hours": "\(s.hours)", "paired": "\(input.paired)"])
        }
        return s
    }

    /// The county's townships by name and the names recorded for ID numbers (only `ids` when given).
    static func context(county: DivisionCode, ids: [String]? = nil, on db: any Database) async throws -> SignInSheet.Context {
        let townships = try await Division.query(on: db).filter(\.$countyCode == county.value)
            .filter(\.$level == DivisionLevel.township.rawValue).filter(\.$active == true).all()
        var names: [String: String] = [:]
        for t in townships { if let code = t.id { names[t.name] = code } }
        let query = Trainee.query(on: db).filter(\.$countyCode == county.value)
        if let ids { query.filter(\.$idNumber ~~ ids) }
        let known = try await query.all()
        return SignInSheet.Context(townships: names, knownNames: Dictionary(known.map { ($0.idNumber, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// One person signed in at a session (the phone form). A person already signed in there is refused.
    @discardableResult
    public static func addAttendee(_ input: AttendeeInput, to session: TrainingSession, actor: AuditActor, on db: any Database) async throws -> Trainee {
        let county = try DivisionCode(session.countyCode)
        let id = input.idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        let context = try await context(county: county, ids: [id], on: db)
        var problems: [(String, String, [String])] = []
        guard let checked = SignInSheet.check(input, row: 1, context: context, problems: &problems) else {
            var failure = ValidationFailure()
            for (field, key, args) in problems { failure.fields[field] = failure.fields[field] ?? ([key] + args).joined(separator: "|") }
            throw failure
        }
        return try await db.writeTransaction { tx in
            let (trainee, added) = try await sign(checked, at: session, county: county.value, on: tx)
            guard added else { throw ValidationFailure(["idNumber": "training.error.alreadySigned"]) }
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Attendance.schema, entityID: try session.requireID().uuidString,
                                      county: county.value, new: ["name": checked.name, "idNumber": Identifiers.maskIDNumber(checked.idNumber)])
            return trainee
        }
    }

    /// Finds or creates the person (filling in what they did not have) and records the attendance;
    /// `added` is false when they were already signed in at this session.
    static func sign(_ c: CheckedAttendee, at session: TrainingSession, county: String, sample: Bool = false,
                     on tx: any Database) async throws -> (Trainee, added: Bool) {
        let sessionID = try session.requireID()
        let trainee = try await Trainee.query(on: tx).filter(\.$countyCode == county).filter(\.$idNumber == c.idNumber).first() ?? Trainee()
        if trainee.id == nil {
            trainee.countyCode = county; trainee.name = c.name; trainee.idNumber = c.idNumber; trainee.village = c.village
            trainee.groups = AttendeeGroup.encode(c.groups); trainee.sample = sample
        }
        trainee.phone = c.phone ?? trainee.phone
        trainee.townshipCode = c.townshipCode ?? trainee.townshipCode
        if trainee.village.isEmpty { trainee.village = c.village }
        let groups = Set(AttendeeGroup.decode(trainee.groups)).union(c.groups)
        trainee.groups = AttendeeGroup.encode(AttendeeGroup.allCases.filter(groups.contains))
        try await trainee.save(on: tx)
        let traineeID = try trainee.requireID()
        if try await Attendance.query(on: tx).filter(\.$sessionID == sessionID).filter(\.$traineeID == traineeID).first() != nil {
            return (trainee, false)
        }
        try await Attendance(county: county, session: sessionID, trainee: traineeID).create(on: tx)
        return (trainee, true)
    }

    public struct ImportResult: Sendable, Equatable {
        public var added: Int
        /// People on the sheet already signed in at this session (counted once).
        public var alreadySigned: Int
        public init(added: Int, alreadySigned: Int) { self.added = added; self.alreadySigned = alreadySigned }
    }

    /// A sign-in sheet for one session: every row checked first; any problem refuses the whole
    /// sheet with every issue (row, column); otherwise all rows in one transaction.
    public static func importSignIn(_ data: Data, session: TrainingSession, actor: AuditActor, on db: any Database) async throws -> ImportResult {
        let county = try DivisionCode(session.countyCode)
        let file = try TabularFile.read(data)
        let context = try await context(county: county, on: db)
        let rows = try SignInSheet.check(file, context: context)
        return try await db.writeTransaction { tx in
            var result = ImportResult(added: 0, alreadySigned: 0)
            for row in rows {
                let (_, added) = try await sign(row, at: session, county: county.value, on: tx)
                if added { result.added += 1 } else { result.alreadySigned += 1 }
            }
            try await AuditLog.record(on: tx, actor: actor, action: .import, entity: Attendance.schema, entityID: try session.requireID().uuidString,
                                      county: county.value, new: ["rows": "\(rows.count)", "added": "\(result.added)"])
            return result
        }
    }

    public static func addConversion(to trainee: Trainee, kind: String, day: String, note: String, actor: AuditActor, on db: any Database) async throws -> Conversion {
        var failure = ValidationFailure()
        let k = ConversionKind(rawValue: kind)
        if k == nil { failure.add("kind", "error.required") }
        let d = FieldRules.factDay(day, field: "day", into: &failure)
        let text = FieldRules.text(note, field: "note", limit: 500, into: &failure)
        try failure.throwIfAny()
        guard let k, let d else { throw failure }
        let c = Conversion()
        c.countyCode = trainee.countyCode; c.traineeID = try trainee.requireID(); c.kind = k.rawValue; c.happenedOn = d.iso; c.note = text
        try await db.writeTransaction { tx in
            try await c.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Conversion.schema, entityID: try c.requireID().uuidString,
                                      county: trainee.countyCode, new: ["trainee": try trainee.requireID().uuidString, "kind": k.rawValue, "day": d.iso])
        }
        return c
    }

    /// Names (or, with nil, un-names) a trained person as an entrepreneur leader (电商创业带头人).
    public static func setLeader(_ trainee: Trainee, since day: Day?, actor: AuditActor, on db: any Database) async throws {
        if let day, day > Day.today() { throw ValidationFailure(["leaderSince": "error.future"]) }
        let old = ["leaderSince": trainee.leaderSince ?? ""]
        trainee.leaderSince = day?.iso
        try await db.writeTransaction { tx in
            try await trainee.save(on: tx)
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: Trainee.schema, entityID: try trainee.requireID().uuidString,
                                             county: trainee.countyCode, old: old, new: ["leaderSince": day?.iso ?? ""])
        }
    }

    /// The whole ID number, for a role that may see it; the view itself is written to the audit
    /// trail (who, when, whose — never the number).
    public static func revealIDNumber(_ trainee: Trainee, actor: AuditActor, on db: any Database) async throws -> String {
        try await AuditLog.record(on: db, actor: actor, action: .view, entity: Trainee.schema, entityID: try trainee.requireID().uuidString,
                                  county: trainee.countyCode, new: ["field": "idNumber", "idNumber": trainee.maskedIDNumber])
        return trainee.idNumber
    }
}
