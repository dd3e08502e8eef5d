import CommerceCore
import Foundation
import XiangcunKit

/// Inputs of the commerce ledgers' forms and API, as typed (strings); checked by `CommerceService`.
public struct LiveEventInput: Sendable {
    public var room = "", anchor = "", day = "", title = "", products = "", minutes = "", viewers = "", orders = "", gmvYuan = ""
    public init() {}
}

public struct AnchorInput: Sendable {
    public var name = "", platform = "", account = "", followers = "", day = ""
    public init() {}
}

public struct VillageInput: Sendable {
    public var divisionCode = "", name = "", kind = "specialisedVillage", onlineSalesYuan = "", activeShops = "", householdSharePercent = ""
    public var status = "candidate", statusSince = ""
    public init() {}
}

public struct ParkEnterpriseInput: Sendable {
    public var name = "", creditCode = "", year = "", onlineSalesYuan = ""
    public init() {}
}

public struct HouseholdInput: Sendable {
    public var headName = "", idNumber = "", village = ""
    public init() {}
}

public struct HelpActionInput: Sendable {
    public var household = "", paired = false, kind = "helpSale", day = "", product = "", quantity = "", unit = "", unitPriceYuan = ""
    public var premiumYuan = "", jobs = "", note = ""
    public init() {}
}

public struct PairedProductInput: Sendable {
    public var product = "", platform = "", day = ""
    public init() {}
}

public struct PublicityInput: Sendable {
    public var kind = "event", title = "", day = "", reach = ""
    public init() {}
}

/// Field checks shared by the commerce ledgers (on top of `FieldRules`).
enum CommerceRulesCheck {
    /// An amount in 元 that may be zero (premiums, sales of a new enterprise); blank means zero when `blankIsZero`.
    static func yuanOrZero(_ raw: String, field: String, blankIsZero: Bool = true, into failure: inout ValidationFailure) -> Money? {
        let text = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        if text.isEmpty { if blankIsZero { return .zero }; failure.add(field, "error.required"); return nil }
        if text == "0" { return .zero }
        return FieldRules.yuan(text, field: field, limitYuan: 10_000_000_000, into: &failure)
    }

    /// A whole number; blank means zero when `blankIsZero`.
    static func count(_ raw: String, field: String, blankIsZero: Bool = false, limit: Int = 1_000_000_000, into failure: inout ValidationFailure) -> Int? {
        if blankIsZero, raw.trimmingCharacters(in: .whitespaces).isEmpty { return 0 }
        return FieldRules.count(raw, field: field, limit: limit, into: &failure)
    }

    static func choice<T: RawRepresentable>(_ raw: String, _ type: T.Type, field: String, into failure: inout ValidationFailure) -> T? where T.RawValue == String {
        guard let value = T(rawValue: raw) else { failure.add(field, "error.required"); return nil }
        return value
    }

    static func uuid(_ raw: String, field: String, required: Bool, into failure: inout ValidationFailure) -> UUID? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { if required { failure.add(field, "error.required") }; return nil }
        guard let id = UUID(uuidString: text) else { failure.add(field, "error.invalid"); return nil }
        return id
    }
}
