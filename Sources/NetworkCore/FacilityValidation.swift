import Foundation
import XiangcunKit

/// A facility as typed in a form, a ledger row or an API call: text, checked by `FacilityValidator`.
public struct FacilityInput: Sendable, Codable, Equatable {
    public var type = ""
    public var name = ""
    public var divisionCode = ""
    public var address = ""
    public var latitude = ""
    public var longitude = ""
    public var areaM2 = ""
    public var operatorName = ""
    public var operatorPhone = ""
    public var servicePhone = ""
    public var contractorName = ""
    public var openingHours = ""
    public var status = ""
    public var statusSince = ""
    public var signage = false
    public var demonstration = false
    public var skuCount = ""
    public var populationServed = ""
    public var deliveryRadiusKm = ""
    public var storageKind = ""
    public var notes = ""
    /// Service codes (or names of the catalogue).
    public var services: [String] = []
    /// Other divisions served (12-digit codes or their short forms).
    public var servedDivisions: [String] = []

    public init() {}
}

/// A checked facility, ready to store.
public struct ValidFacility: Sendable {
    public var type: FacilityType
    public var name: String
    public var division: DivisionCode
    public var address: String
    public var latitude: Double?
    public var longitude: Double?
    public var areaM2: Int?
    public var operatorName: String
    public var operatorPhone: String?
    public var servicePhone: String?
    public var contractorName: String?
    public var openingHours: String
    public var status: FacilityStatus
    public var statusSince: Day
    public var signage: Bool
    public var demonstration: Bool
    public var skuCount: Int?
    public var populationServed: Int?
    public var deliveryRadiusKm: Double?
    public var storageKind: StorageKind?
    public var notes: String
    public var services: [String]
    public var servedDivisions: [String]
}

/// What validation needs to know about a county, loaded once (`NetworkContext.load` in
/// ServiceNetwork), so a ledger of hundreds of rows needs no query per row.
public struct NetworkContext: Sendable {
    public var county: DivisionCode
    /// Active divisions of the county: code → (level, name).
    public var divisions: [String: (level: DivisionLevel, name: String)]
    /// Service code → display name (defaults by catalogue key, custom by name).
    public var serviceCodes: Set<String>
    /// Custom service name → code, for ledgers that name services.
    public var serviceNames: [String: String]
    /// Facility name → id, for uniqueness.
    public var facilityNames: [String: UUID]

    public init(county: DivisionCode, divisions: [String: (level: DivisionLevel, name: String)], serviceCodes: Set<String>,
                serviceNames: [String: String], facilityNames: [String: UUID]) {
        self.county = county; self.divisions = divisions; self.serviceCodes = serviceCodes
        self.serviceNames = serviceNames; self.facilityNames = facilityNames
    }

    /// A 12-digit code from a full or short code ("331123102201" or "331123102").
    public func fullCode(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, t.allSatisfy(\.isNumber), t.count <= 12 else { return nil }
        return t + String(repeating: "0", count: 12 - t.count)
    }

    /// The code of a service named by code, Chinese name or English name (any case).
    public func serviceCode(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if serviceCodes.contains(t) { return t }
        return serviceNames[t] ?? serviceNames[t.lowercased()]
    }
}

public enum FacilityValidator {
    /// Checks an input; field errors are catalogue keys. `existingID` is the facility being edited.
    public static func validate(_ input: FacilityInput, context: NetworkContext, existingID: UUID? = nil) -> Result<ValidFacility, ValidationFailure> {
        var failure = ValidationFailure()
        func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
        let type = FacilityType.parse(input.type)
        if type == nil { failure.add("type", trimmed(input.type).isEmpty ? "error.required" : "error.invalid") }
        let name = trimmed(input.name)
        if name.isEmpty { failure.add("name", "error.required") }
        else if name.count > 100 { failure.add("name", "error.invalid") }
        else if let other = context.facilityNames[name], other != existingID { failure.add("name", "error.taken") }
        var division: DivisionCode? = nil
        if trimmed(input.divisionCode).isEmpty { failure.add("divisionCode", "error.required") }
        else if let code = context.fullCode(input.divisionCode).flatMap({ try? DivisionCode($0) }) {
            if !code.isWithin(context.county) { failure.add("divisionCode", "network.error.outsideCounty") }
            else if context.divisions[code.value] == nil { failure.add("divisionCode", "error.division.unknown") }
            else if let type, !type.allows(code.level) { failure.add("divisionCode", type == .villageStation ? "network.error.needsVillage" : "network.error.needsTownship") }
            else { division = code }
        } else { failure.add("divisionCode", "error.invalid") }
        let latitude = optionalDouble(input.latitude, range: -90...90, field: "latitude", &failure)
        let longitude = optionalDouble(input.longitude, range: -180...180, field: "longitude", &failure)
        if (latitude == nil) != (longitude == nil), failure.fields["latitude"] == nil, failure.fields["longitude"] == nil {
            failure.add(latitude == nil ? "latitude" : "longitude", "network.error.coordinatePair")
        }
        let area = optionalInt(input.areaM2, max: 10_000_000, field: "areaM2", &failure)
        let operatorPhone = phone(input.operatorPhone, field: "operatorPhone", &failure)
        let servicePhone = phone(input.servicePhone, field: "servicePhone", &failure)
        let status: FacilityStatus
        if trimmed(input.status).isEmpty { status = .planned }
        else if let s = FacilityStatus.parse(input.status) { status = s }
        else { failure.add("status", "error.invalid"); status = .planned }
        let since: Day
        if trimmed(input.statusSince).isEmpty { since = Day.today() }
        else if let d = Day(input.statusSince) ?? excelDay(input.statusSince) {
            since = d
            if d > Day.today() { failure.add("statusSince", "network.error.futureDay") }
        }
        else { failure.add("statusSince", "error.invalid"); since = Day.today() }
        let sku = optionalInt(input.skuCount, max: 10_000_000, field: "skuCount", &failure)
        let population = optionalInt(input.populationServed, max: 100_000_000, field: "populationServed", &failure)
        let radius = optionalDouble(input.deliveryRadiusKm, range: 0...500, field: "deliveryRadiusKm", &failure)
        var storage: StorageKind? = nil
        if !trimmed(input.storageKind).isEmpty {
            storage = StorageKind(rawValue: trimmed(input.storageKind))
                ?? StorageKind.allCases.first { Catalogue.text($0.messageKey, .zh) == trimmed(input.storageKind) }
            if storage == nil { failure.add("storageKind", "error.invalid") }
        }
        var services: [String] = []
        for s in input.services.map(trimmed).filter({ !$0.isEmpty }) {
            if let code = context.serviceCode(s) { if !services.contains(code) { services.append(code) } }
            else { failure.add("services", "network.error.unknownService") }
        }
        var served: [String] = []
        for s in input.servedDivisions.map(trimmed).filter({ !$0.isEmpty }) {
            guard let code = context.fullCode(s).flatMap({ try? DivisionCode($0) }) else { failure.add("servedDivisions", "error.invalid"); continue }
            guard code.isWithin(context.county), context.divisions[code.value] != nil else { failure.add("servedDivisions", "error.division.unknown"); continue }
            if let level = type?.servesLevel, code.level != level {
                failure.add("servedDivisions", level == .village ? "network.error.servesVillages" : "network.error.servesTownships"); continue
            }
            if type?.servesLevel == nil { failure.add("servedDivisions", "network.error.servesNothing"); continue }
            if code != division, !served.contains(code.value) { served.append(code.value) }
        }
        for (field, text, limit) in [("address", input.address, 200), ("operatorName", input.operatorName, 50), ("contractorName", input.contractorName, 100),
                                     ("openingHours", input.openingHours, 100), ("notes", input.notes, 2000)] where trimmed(text).count > limit {
            failure.add(field, "error.invalid")
        }
        guard failure.isEmpty, let type, let division else { return .failure(failure) }
        func orNil(_ s: String) -> String? { trimmed(s).isEmpty ? nil : trimmed(s) }
        return .success(ValidFacility(
            type: type, name: name, division: division, address: trimmed(input.address), latitude: latitude, longitude: longitude, areaM2: area,
            operatorName: trimmed(input.operatorName), operatorPhone: operatorPhone, servicePhone: servicePhone,
            contractorName: orNil(input.contractorName), openingHours: trimmed(input.openingHours), status: status, statusSince: since,
            signage: input.signage, demonstration: input.demonstration, skuCount: sku, populationServed: population, deliveryRadiusKm: radius,
            storageKind: storage, notes: trimmed(input.notes), services: services, servedDivisions: served))
    }

    static func optionalDouble(_ text: String, range: ClosedRange<Double>, field: String, _ failure: inout ValidationFailure) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        guard let v = Double(t), v.isFinite, range.contains(v) else { failure.add(field, "error.invalid"); return nil }
        return v
    }

    static func optionalInt(_ text: String, max: Int, field: String, _ failure: inout ValidationFailure) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard !t.isEmpty else { return nil }
        // Spreadsheets store whole numbers as "120" or "120.0".
        let whole = t.hasSuffix(".0") ? String(t.dropLast(2)) : t
        guard let v = Int(whole), v >= 0, v <= max else { failure.add(field, "error.invalid"); return nil }
        return v
    }

    /// Mobile (11 digits starting with 1) or landline (区号-号码, 7–8 digits, optional extension).
    static func phone(_ text: String, field: String, _ failure: inout ValidationFailure) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "")
        guard !t.isEmpty else { return nil }
        let digits = t.filter(\.isNumber)
        let mobile = t.count == 11 && t.allSatisfy(\.isNumber) && t.hasPrefix("1")
        let landline = t.allSatisfy { $0.isNumber || $0 == "-" } && (7...16).contains(digits.count) && !t.hasPrefix("-")
        guard mobile || landline else { failure.add(field, "error.invalid"); return nil }
        return t
    }

    /// Excel date serials that arrive as numbers ("44378") in ledgers.
    static func excelDay(_ text: String) -> Day? {
        guard let serial = Int(text.trimmingCharacters(in: .whitespaces)), (20000...80000).contains(serial) else { return nil }
        return Day(ordinal: serial - 25569) // serial 25569 is 1970-01-01, ordinal 0
    }
}
