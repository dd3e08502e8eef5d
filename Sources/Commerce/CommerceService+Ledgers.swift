import Audit
import CommerceCore
import Divisions
import FluentKit
import Foundation
import XiangcunKit

extension CommerceService {
    /// "12.5" (%) → 125 ‰; 0–100 with at most one decimal.
    static func permille(_ raw: String, field: String, into failure: inout ValidationFailure) -> Int? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "")
        if text.isEmpty { return 0 }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }), parts.count == 1 || parts[1].count == 1,
              let whole = Int(parts[0]) else { failure.add(field, "commerce.error.percent"); return nil }
        let value = whole * 10 + (parts.count == 2 ? Int(parts[1]) ?? 0 : 0)
        guard value <= 1000 else { failure.add(field, "commerce.error.percent"); return nil }
        return value
    }

    public static func addVillage(_ i: VillageInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> CommerceVillage {
        var f = ValidationFailure()
        let kind = CommerceRulesCheck.choice(i.kind, CommerceVillageKind.self, field: "kind", into: &f)
        let status = CommerceRulesCheck.choice(i.status, RecognitionStatus.self, field: "status", into: &f)
        let since = FieldRules.factDay(i.statusSince, field: "statusSince", into: &f)
        let sales = CommerceRulesCheck.yuanOrZero(i.onlineSalesYuan, field: "onlineSalesYuan", into: &f)
        let shops = CommerceRulesCheck.count(i.activeShops, field: "activeShops", blankIsZero: true, into: &f)
        let share = permille(i.householdSharePercent, field: "householdSharePercent", into: &f)
        let code = try? DivisionCode(i.divisionCode.trimmingCharacters(in: .whitespaces))
        var division: Division? = nil
        if let code, code.isWithin(county), code.level == .village || code.level == .township {
            division = try await Division.find(code.value, on: db)
        }
        if division == nil { f.add("divisionCode", "error.division.unknown") }
        try f.throwIfAny()
        guard let kind, let status, let since, let sales, let shops, let share, let division, let code else { throw f }
        if try await CommerceVillage.query(on: db).filter(\.$countyCode == county.value).filter(\.$divisionCode == code.value).filter(\.$kind == kind.rawValue).first() != nil {
            throw ValidationFailure(["divisionCode": "error.taken"])
        }
        let v = CommerceVillage()
        v.countyCode = county.value; v.divisionCode = code.value; v.name = division.name; v.kind = kind.rawValue; v.onlineSalesFen = sales.fen
        v.activeShops = shops; v.householdSharePermille = share; v.status = status.rawValue; v.statusSince = since.iso; v.sample = sample
        try await db.writeTransaction { tx in
            try await v.create(on: tx)
            try await audit(tx, actor, CommerceVillage.schema, v.id, county.value, ["division": code.value, "kind": kind.rawValue, "status": status.rawValue,
                                                                                   "onlineSales": sales.yuanText, "activeShops": "\(shops)"])
        }
        return v
    }

    /// candidate → declared → recognised (one step at a time), effective on a day.
    public static func changeVillageStatus(_ v: CommerceVillage, to raw: String, on rawDay: String, actor: AuditActor, on db: any Database) async throws {
        var f = ValidationFailure()
        let status = CommerceRulesCheck.choice(raw, RecognitionStatus.self, field: "status", into: &f)
        let day = FieldRules.factDay(rawDay, field: "statusSince", into: &f)
        try f.throwIfAny()
        guard let status, let day else { throw f }
        guard (RecognitionStatus(rawValue: v.status) ?? .candidate).canMove(to: status) else { throw ValidationFailure(["status": "commerce.error.step"]) }
        let old = ["status": v.status, "statusSince": v.statusSince]
        v.status = status.rawValue; v.statusSince = day.iso
        try await db.writeTransaction { tx in
            try await v.save(on: tx)
            try await AuditLog.recordChanges(on: tx, actor: actor, entity: CommerceVillage.schema, entityID: try v.requireID().uuidString,
                                             county: v.countyCode, old: old, new: ["status": v.status, "statusSince": v.statusSince])
        }
    }

    public static func addParkEnterprise(_ i: ParkEnterpriseInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> ParkEnterprise {
        var f = ValidationFailure()
        let name = FieldRules.name(i.name, field: "name", into: &f)
        let credit = i.creditCode.trimmingCharacters(in: .whitespaces).uppercased()
        if !credit.isEmpty, !Identifiers.isValidCreditCode(credit) { f.add("creditCode", "commerce.error.creditCode") }
        let year = Int(i.year.trimmingCharacters(in: .whitespaces))
        if year.map({ !(2000...Day.today().year).contains($0) }) ?? true { f.add("year", "commerce.error.year") }
        let sales = CommerceRulesCheck.yuanOrZero(i.onlineSalesYuan, field: "onlineSalesYuan", blankIsZero: false, into: &f)
        try f.throwIfAny()
        guard let name, let year, let sales else { throw f }
        if try await ParkEnterprise.query(on: db).filter(\.$countyCode == county.value).filter(\.$name == name).filter(\.$year == year).first() != nil {
            throw ValidationFailure(["name": "error.taken"])
        }
        let e = ParkEnterprise()
        e.countyCode = county.value; e.name = name; e.creditCode = credit; e.year = year; e.onlineSalesFen = sales.fen; e.sample = sample
        try await db.writeTransaction { tx in
            try await e.create(on: tx)
            try await audit(tx, actor, ParkEnterprise.schema, e.id, county.value, ["name": name, "year": "\(year)", "onlineSales": sales.yuanText])
        }
        return e
    }

    public static func addHousehold(_ i: HouseholdInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> AssistedHousehold {
        var f = ValidationFailure()
        let name = FieldRules.name(i.headName, field: "headName", limit: 40, into: &f)
        let id = i.idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        if !Identifiers.isValidIDNumber(id) { f.add("idNumber", id.isEmpty ? "error.required" : "training.error.idNumber") }
        let village = FieldRules.name(i.village, field: "village", limit: 40, into: &f)
        try f.throwIfAny()
        guard let name, let village else { throw f }
        if try await AssistedHousehold.query(on: db).filter(\.$countyCode == county.value).filter(\.$idNumber == id).first() != nil {
            throw ValidationFailure(["idNumber": "error.taken"])
        }
        let h = AssistedHousehold()
        h.countyCode = county.value; h.headName = name; h.idNumber = id; h.village = village; h.sample = sample
        try await db.writeTransaction { tx in
            try await h.create(on: tx)
            try await audit(tx, actor, AssistedHousehold.schema, h.id, county.value, ["headName": name, "idNumber": Identifiers.maskIDNumber(id), "village": village])
        }
        return h
    }

    /// A help action; a help-sale's amount is quantity × price and its premium quantity × premium per unit (fen, exact).
    public static func addHelpAction(_ i: HelpActionInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> HelpAction {
        var f = ValidationFailure()
        let kind = CommerceRulesCheck.choice(i.kind, HelpKind.self, field: "kind", into: &f)
        let household = CommerceRulesCheck.uuid(i.household, field: "household", required: false, into: &f)
        let day = FieldRules.factDay(i.day, field: "day", into: &f)
        let sale = kind == .helpSale
        let product = FieldRules.name(i.product, field: "product", limit: 60, required: sale, into: &f) ?? ""
        let quantity = CommerceRulesCheck.count(i.quantity, field: "quantity", blankIsZero: !sale, into: &f)
        let unit = FieldRules.name(i.unit, field: "unit", limit: 10, required: sale, into: &f) ?? ""
        let price = sale ? FieldRules.yuan(i.unitPriceYuan, field: "unitPriceYuan", into: &f) : .zero
        let premium = CommerceRulesCheck.yuanOrZero(i.premiumYuan, field: "premiumYuan", into: &f)
        let jobs = CommerceRulesCheck.count(i.jobs, field: "jobs", blankIsZero: kind != .job, limit: 100_000, into: &f)
        let note = FieldRules.text(i.note, field: "note", limit: 500, into: &f)
        if household == nil, !i.paired, kind != nil { f.add("household", "assistance.error.whom") }
        try f.throwIfAny()
        guard let kind, let day, let quantity, let price, let premium, let jobs else { throw f }
        if let household, try await AssistedHousehold.query(on: db).filter(\.$id == household).filter(\.$countyCode == county.value).first() == nil {
            throw ValidationFailure(["household": "error.invalid"])
        }
        let a = HelpAction()
        a.countyCode = county.value; a.householdID = household; a.paired = i.paired; a.kind = kind.rawValue; a.happenedOn = day.iso
        a.product = product; a.quantity = quantity; a.unit = unit; a.unitPriceFen = price.fen; a.premiumFen = premium.fen
        a.amountFen = HelpSale.amount(quantity: quantity, unitPrice: price).fen; a.jobs = jobs; a.note = note; a.sample = sample
        try await db.writeTransaction { tx in
            try await a.create(on: tx)
            try await audit(tx, actor, HelpAction.schema, a.id, county.value, ["kind": kind.rawValue, "day": day.iso, "product": product, "quantity": "\(quantity)",
                                                                             "amount": Money(fen: a.amountFen).yuanText, "premium": premium.yuanText, "jobs": "\(jobs)"])
        }
        return a
    }

    public static func addPairedProduct(_ i: PairedProductInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> PairedProduct {
        var f = ValidationFailure()
        let product = FieldRules.name(i.product, field: "product", limit: 60, into: &f)
        let platform = FieldRules.name(i.platform, field: "platform", limit: 40, into: &f)
        let day = FieldRules.factDay(i.day, field: "day", into: &f)
        try f.throwIfAny()
        guard let product, let platform, let day else { throw f }
        if try await PairedProduct.query(on: db).filter(\.$countyCode == county.value).filter(\.$product == product).filter(\.$platform == platform).first() != nil {
            throw ValidationFailure(["platform": "error.taken"])
        }
        let p = PairedProduct()
        p.countyCode = county.value; p.product = product; p.platform = platform; p.listedOn = day.iso; p.sample = sample
        try await db.writeTransaction { tx in
            try await p.create(on: tx)
            try await audit(tx, actor, PairedProduct.schema, p.id, county.value, ["product": product, "platform": platform, "day": day.iso])
        }
        return p
    }

    public static func addPublicity(_ i: PublicityInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> PublicityItem {
        var f = ValidationFailure()
        let kind = CommerceRulesCheck.choice(i.kind, PublicityKind.self, field: "kind", into: &f)
        let title = FieldRules.name(i.title, field: "title", into: &f)
        let day = FieldRules.factDay(i.day, field: "day", into: &f)
        let reach = CommerceRulesCheck.count(i.reach, field: "reach", blankIsZero: true, into: &f)
        try f.throwIfAny()
        guard let kind, let title, let day, let reach else { throw f }
        let p = PublicityItem()
        p.countyCode = county.value; p.kind = kind.rawValue; p.title = title; p.happenedOn = day.iso; p.reach = reach; p.sample = sample
        try await db.writeTransaction { tx in
            try await p.create(on: tx)
            try await audit(tx, actor, PublicityItem.schema, p.id, county.value, ["kind": kind.rawValue, "title": title, "day": day.iso, "reach": "\(reach)"])
        }
        return p
    }
}
