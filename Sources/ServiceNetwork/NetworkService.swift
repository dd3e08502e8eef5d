import Accounts
import Audit
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

public enum NetworkError: Error, Sendable, Equatable {
    case notFound
    case forbidden
}

/// Every change to the network, each in one transaction with its audit entry.
public enum NetworkService {
    // MARK: Facilities

    public static func create(_ input: FacilityInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> Facility {
        let context = try await NetworkContext.load(county: county, on: db)
        let valid = try FacilityValidator.validate(input, context: context).get()
        return try await db.writeTransaction { tx in try await insert(valid, county: county, actor: actor, sample: sample, on: tx) }
    }

    /// Inserts a checked facility with its first status, services and served divisions (inside a transaction).
    static func insert(_ valid: ValidFacility, county: DivisionCode, actor: AuditActor, sample: Bool, audit: Bool = true, on tx: any Database) async throws -> Facility {
        let f = Facility()
        valid.apply(to: f, county: county)
        f.sample = sample
        try await f.create(on: tx)
        let id = try f.requireID()
        try await FacilityStatusChange(facilityID: id, county: county.value, status: valid.status, on: valid.statusSince).create(on: tx)
        try await valid.services.map { FacilityService(facilityID: id, county: county.value, code: $0) }.create(on: tx)
        try await valid.servedDivisions.map { FacilityServedDivision(facilityID: id, county: county.value, division: $0) }.create(on: tx)
        try await FacilityFlagChange(facilityID: id, county: county.value, signage: valid.signage, demonstration: valid.demonstration, on: nil).create(on: tx)
        if audit {
            var values = f.auditValues
            values["services"] = valid.services.joined(separator: ",")
            values["servedDivisions"] = valid.servedDivisions.joined(separator: ",")
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Facility.schema, entityID: id.uuidString, county: county.value, new: values)
        }
        return f
    }

    /// Replaces every field (county administrators). A changed status or status day adds a history entry.
    public static func update(_ f: Facility, with input: FacilityInput, actor: AuditActor, on db: any Database) async throws {
        guard let county = try? DivisionCode(f.countyCode) else { throw NetworkError.notFound }
        let context = try await NetworkContext.load(county: county, on: db)
        let valid = try FacilityValidator.validate(input, context: context, existingID: f.id).get()
        try await db.writeTransaction { tx in try await apply(valid, to: f, county: county, actor: actor, on: tx) }
    }

    static func apply(_ valid: ValidFacility, to f: Facility, county: DivisionCode, actor: AuditActor, on tx: any Database) async throws {
        let id = try f.requireID()
        var old = f.auditValues
        let oldServices = try await services(of: id, on: tx)
        let oldServed = try await servedDivisions(of: id, on: tx)
        old["services"] = oldServices.joined(separator: ",")
        old["servedDivisions"] = oldServed.joined(separator: ",")
        let statusChanged = valid.status.rawValue != f.status || valid.statusSince.iso != f.statusSince
        let flagsChanged = valid.signage != f.signage || valid.demonstration != f.demonstration
        valid.apply(to: f, county: county)
        try await f.save(on: tx)
        if statusChanged {
            try await FacilityStatusChange(facilityID: id, county: county.value, status: valid.status, on: valid.statusSince).create(on: tx)
        }
        if flagsChanged {
            try await FacilityFlagChange(facilityID: id, county: county.value, signage: valid.signage, demonstration: valid.demonstration, on: Day.today()).create(on: tx)
        }
        try await replaceServices(id, county: county.value, current: oldServices, with: valid.services, on: tx)
        try await replaceServed(id, county: county.value, with: valid.servedDivisions, on: tx)
        var new = f.auditValues
        new["services"] = valid.services.joined(separator: ",")
        new["servedDivisions"] = valid.servedDivisions.joined(separator: ",")
        try await AuditLog.recordChanges(on: tx, actor: actor, entity: Facility.schema, entityID: id.uuidString, county: county.value, old: old, new: new)
    }

    static func replaceServices(_ id: UUID, county: String, current: [String], with codes: [String], on tx: any Database) async throws {
        guard Set(current) != Set(codes) else { return }
        try await FacilityService.query(on: tx).filter(\.$facilityID == id).delete()
        try await codes.map { FacilityService(facilityID: id, county: county, code: $0) }.create(on: tx)
    }

    /// Closes the served periods of divisions no longer served and opens periods for new ones,
    /// effective today, so coverage at earlier days keeps the old list. A period opened and
    /// closed on the same day never applied and is removed.
    static func replaceServed(_ id: UUID, county: String, with codes: [String], on tx: any Database) async throws {
        let today = Day.today()
        let current = try await FacilityServedDivision.query(on: tx).filter(\.$facilityID == id).filter(\.$validTo == nil).all()
        let wanted = Set(codes)
        for row in current where !wanted.contains(row.divisionCode) {
            if row.validFrom == today.iso { try await row.delete(on: tx); continue }
            row.validTo = today.iso
            try await row.save(on: tx)
        }
        let kept = Set(current.map(\.divisionCode))
        try await codes.filter { !kept.contains($0) }.map { FacilityServedDivision(facilityID: id, county: county, division: $0, from: today) }.create(on: tx)
    }

    /// What a station operator may change on their own station: opening hours, the public
    /// service phone and the services offered.
    public static func updateOperational(_ f: Facility, openingHours: String, servicePhone: String, services: [String], actor: AuditActor, on db: any Database) async throws {
        guard let county = try? DivisionCode(f.countyCode) else { throw NetworkError.notFound }
        var input = FacilityInput(f, services: services, served: try await servedDivisions(of: try f.requireID(), on: db))
        input.openingHours = openingHours
        input.servicePhone = servicePhone
        let context = try await NetworkContext.load(county: county, on: db)
        var valid = try FacilityValidator.validate(input, context: context, existingID: f.id).get()
        // Keep the stored status exactly (no new history entry).
        valid.status = f.facilityStatus
        valid.statusSince = Day(f.statusSince) ?? valid.statusSince
        let checked = valid
        try await db.writeTransaction { tx in try await apply(checked, to: f, county: county, actor: actor, on: tx) }
    }

    /// A status change effective on a day (e.g. the day the station opened).
    public static func changeStatus(_ f: Facility, to status: FacilityStatus, on day: Day, note: String, actor: AuditActor, on db: any Database) async throws {
        let id = try f.requireID()
        guard day <= Day.today() else { throw ValidationFailure(["statusSince": "network.error.futureDay"]) }
        let old = f.auditValues
        try await db.writeTransaction { tx in
            try await FacilityStatusChange(facilityID: id, county: f.countyCode, status: status, on: day, note: String(note.prefix(200))).create(on: tx)
            // The facility row carries the status in force today.
            let events = try await FacilityStatusChange.query(on: tx).filter(\.$facilityID == id).sort(\.$recordedAt).all()
                .compactMap { e in Day(e.effectiveOn).flatMap { d in FacilityStatus(rawValue: e.status).map { StatusEvent(d, $0) } } }
            let today = Day.today()
            if let current = StatusHistory.status(asOf: today, events) {
                f.status = current.rawValue
                f.statusSince = events.filter { $0.status == current && $0.day <= today }.map(\.day).max()?.iso ?? day.iso
            }
            try await f.save(on: tx)
            var new = f.auditValues
            new["statusChange"] = "\(status.rawValue)@\(day.iso)"
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: Facility.schema, entityID: id.uuidString, county: f.countyCode, old: old, new: new)
        }
    }

    // MARK: Services catalogue

    public static func addService(name: String, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> CustomService {
        // The same rule as every name: one line, no control characters, a stated limit.
        var failure = ValidationFailure()
        let cleaned = FieldRules.name(name, field: "name", limit: 40, into: &failure)
        try failure.throwIfAny()
        let trimmed = cleaned ?? ""
        let context = try await NetworkContext.load(county: county, on: db)
        guard context.serviceCode(trimmed) == nil else { throw ValidationFailure(["name": "error.taken"]) }
        let s = CustomService()
        s.countyCode = county.value
        s.code = "c" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(10).lowercased()
        s.name = trimmed
        try await db.writeTransaction { tx in
            try await s.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: CustomService.schema, entityID: s.code, county: county.value,
                                      new: ["code": s.code, "name": s.name])
        }
        return s
    }

    // MARK: Operators

    /// Links a station operator's account to a facility (one facility per account).
    public static func linkOperator(_ user: User, to f: Facility, actor: AuditActor, on db: any Database) async throws {
        guard user.userRole == .stationOperator, user.countyCode == f.countyCode else { throw ValidationFailure(["user": "network.error.notOperator"]) }
        let userID = try user.requireID(), facilityID = try f.requireID()
        try await db.writeTransaction { tx in
            let existing = try await FacilityOperator.query(on: tx).filter(\.$userID == userID).first()
            let oldFacility = existing?.facilityID.uuidString ?? ""
            if let existing { existing.facilityID = facilityID; try await existing.save(on: tx) } else {
                let link = FacilityOperator()
                link.userID = userID; link.facilityID = facilityID; link.countyCode = f.countyCode
                try await link.create(on: tx)
            }
            try await AuditLog.record(on: tx, actor: actor, action: existing == nil ? .create : .update, entity: FacilityOperator.schema,
                                      entityID: userID.uuidString, county: f.countyCode,
                                      old: existing == nil ? nil : ["facility": oldFacility], new: ["facility": facilityID.uuidString, "user": user.username])
        }
    }

    /// Removes the link between an operator's account and a facility. false when there is no such link.
    public static func unlinkOperator(userID: UUID, from facilityID: UUID, actor: AuditActor, on db: any Database) async throws -> Bool {
        try await db.writeTransaction { tx in
            guard let link = try await FacilityOperator.query(on: tx).filter(\.$userID == userID).filter(\.$facilityID == facilityID).first() else { return false }
            try await link.delete(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .delete, entity: FacilityOperator.schema, entityID: userID.uuidString,
                                      county: link.countyCode, old: ["facility": facilityID.uuidString])
            return true
        }
    }

    // MARK: Monthly records

    public enum SaveOutcome: Sendable {
        case saved(OperatingRecord)
        /// Not saved: figures look implausible; save again with `confirmed`.
        case needsConfirmation([Plausibility.Warning])
    }

    /// Saves (or corrects) a station's record for a month. Implausible figures are returned as
    /// warnings unless `confirmed`.
    public static func saveRecord(_ f: Facility, month: Month, values: RecordValues, confirmed: Bool, actor: AuditActor,
                                  now: Date = Date(), on db: any Database) async throws -> SaveOutcome {
        let id = try f.requireID()
        let since = try await NetworkQueries.history(of: id, on: db).compactMap { Day($0.effectiveOn) }.min()
        try RecordRules.validate(values, month: month, since: since, now: now).throwIfAny()
        let history = try await OperatingRecord.query(on: db).filter(\.$facilityID == id).all()
        if !confirmed {
            let warnings = Plausibility.check(values, history: history.compactMap { r in Month(r.month).map { ($0, r.values) } }, month: month)
            if !warnings.isEmpty { return .needsConfirmation(warnings) }
        }
        let existing = history.first { $0.month == month.text }
        let record = existing ?? OperatingRecord()
        let old = existing?.auditValues
        if existing == nil {
            record.facilityID = id; record.countyCode = f.countyCode; record.month = month.text
            record.submittedAt = now; record.submittedBy = actor.name
        }
        record.values = values
        try await db.writeTransaction { tx in
            try await record.save(on: tx)
            if let old {
                try await AuditLog.recordChanges(on: tx, actor: actor, entity: OperatingRecord.schema, entityID: try record.requireID().uuidString,
                                                 county: f.countyCode, old: old, new: record.auditValues)
            } else {
                var new = record.auditValues
                new["facility"] = f.name
                try await AuditLog.record(on: tx, actor: actor, action: .create, entity: OperatingRecord.schema, entityID: try record.requireID().uuidString,
                                          county: f.countyCode, new: new)
            }
        }
        return .saved(record)
    }

    // MARK: Reads used by writes

    public static func services(of id: UUID, on db: any Database) async throws -> [String] {
        try await FacilityService.query(on: db).filter(\.$facilityID == id).all().map(\.serviceCode).sorted()
    }

    public static func servedDivisions(of id: UUID, on db: any Database) async throws -> [String] {
        try await FacilityServedDivision.query(on: db).filter(\.$facilityID == id).filter(\.$validTo == nil).all().map(\.divisionCode).sorted()
    }
}
