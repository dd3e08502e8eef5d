import Audit
import FluentKit
import Foundation
import LogisticsCore
import XiangcunKit

/// The county's edits to carriers and settings, each with its audit entry in one transaction.
public enum LogisticsAdmin {
    /// Adds a carrier (`carrier == nil`) or changes one's name and pattern.
    public static func saveCarrier(_ carrier: Carrier?, code: String, name: String, pattern: String, county: DivisionCode, actor: AuditActor,
                                   on db: any Database) async throws {
        var failure = ValidationFailure()
        let cleanName = FieldRules.name(name, field: "name", limit: 50, into: &failure)
        let cleanPattern = pattern.trimmingCharacters(in: .whitespaces)
        if cleanPattern.count > 200 || !CarrierSpec.isValidPattern(cleanPattern) { failure.add("pattern", "logistics.error.pattern") }
        var cleanCode = carrier?.code
        if carrier == nil {
            let c = code.trimmingCharacters(in: .whitespaces).lowercased()
            if !(2...20).contains(c.count) || !c.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) { failure.add("code", "logistics.error.carrierCode") }
            else if try await Carrier.query(on: db).filter(\.$countyCode == county.value).filter(\.$code == c).first() != nil { failure.add("code", "error.taken") }
            cleanCode = c
        }
        try failure.throwIfAny()
        guard let cleanName, let cleanCode else { return }
        try await db.writeTransaction { tx in
            let target = carrier ?? Carrier(county: county.value, spec: CarrierSpec(code: cleanCode, name: cleanName, pattern: cleanPattern))
            let old = carrier.map { ["name": $0.name, "pattern": $0.pattern] }
            target.name = cleanName
            target.pattern = cleanPattern
            try await target.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: carrier == nil ? .create : .update, entity: "logistics.carrier", entityID: cleanCode,
                                      county: county.value, old: old, new: ["name": cleanName, "pattern": cleanPattern])
        }
    }

    /// The saving per parcel and the daily cost (yuan texts).
    public static func saveSettings(saving: String, dailyCost: String, county: DivisionCode, actor: AuditActor, on db: any Database) async throws {
        var failure = ValidationFailure()
        let s = FieldRules.yuan(saving, field: "saving", limitYuan: 1000, into: &failure)
        // No cost entered yet is a real answer: zero is allowed here.
        let zero = (try? Money(yuan: dailyCost.trimmingCharacters(in: .whitespaces)))?.fen == 0
        let d = zero ? Money.zero : FieldRules.yuan(dailyCost, field: "dailyCost", limitYuan: 10_000_000, into: &failure)
        try failure.throwIfAny()
        guard let s, let d else { return }
        try await db.writeTransaction { tx in
            let settings = try await LogisticsSetup.settings(county: county, on: tx)
            let old = ["saving": Money(fen: settings.savingFen).yuanText, "dailyCost": Money(fen: settings.dailyCostFen).yuanText]
            settings.savingFen = s.fen
            settings.dailyCostFen = d.fen
            try await settings.save(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .update, entity: "logistics.settings", entityID: county.value, county: county.value,
                                      old: old, new: ["saving": s.yuanText, "dailyCost": d.yuanText])
        }
    }
}
