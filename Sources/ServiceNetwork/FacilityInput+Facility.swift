import Divisions
import FluentKit
import Foundation
import NetworkCore
import XiangcunKit

extension FacilityInput {
    /// The current values of a stored facility.
    public init(_ f: Facility, services: [String], served: [String]) {
        self.init()
        type = f.type; name = f.name; divisionCode = f.divisionCode; address = f.address
        latitude = f.latitude.map { String(format: "%.6f", $0) } ?? ""
        longitude = f.longitude.map { String(format: "%.6f", $0) } ?? ""
        areaM2 = f.areaM2.map(String.init) ?? ""
        operatorName = f.operatorName; operatorPhone = f.operatorPhone ?? ""; servicePhone = f.servicePhone ?? ""
        contractorName = f.contractorName ?? ""; openingHours = f.openingHours; status = f.status; statusSince = f.statusSince
        signage = f.signage; demonstration = f.demonstration
        skuCount = f.skuCount.map(String.init) ?? ""; populationServed = f.populationServed.map(String.init) ?? ""
        deliveryRadiusKm = f.deliveryRadiusKm.map { String(format: "%.1f", $0) } ?? ""
        storageKind = f.storageKind ?? ""; notes = f.notes
        self.services = services; servedDivisions = served
    }
}

extension ValidFacility {
    /// Copies the checked values onto a stored facility (not saved here).
    func apply(to f: Facility, county: DivisionCode) {
        f.countyCode = county.value
        f.type = type.rawValue; f.name = name; f.divisionCode = division.value; f.address = address
        f.latitude = latitude; f.longitude = longitude; f.areaM2 = areaM2
        f.operatorName = operatorName; f.operatorPhone = operatorPhone; f.servicePhone = servicePhone; f.contractorName = contractorName
        f.openingHours = openingHours; f.status = status.rawValue; f.statusSince = statusSince.iso
        f.signage = signage; f.demonstration = demonstration
        f.skuCount = skuCount; f.populationServed = populationServed; f.deliveryRadiusKm = deliveryRadiusKm
        f.storageKind = storageKind?.rawValue; f.notes = notes
    }
}

extension NetworkContext {
    /// Everything validation needs about a county, in three queries.
    public static func load(county: DivisionCode, on db: any Database) async throws -> NetworkContext {
        let rows = try await Division.query(on: db).filter(\.$countyCode == county.value).filter(\.$active == true).all()
        var divisions: [String: (level: DivisionLevel, name: String)] = [:]
        for d in rows { if let id = d.id { divisions[id] = (d.divisionLevel, d.name) } }
        let custom = try await CustomService.query(on: db).filter(\.$countyCode == county.value).all()
        var codes = Set(DefaultService.allCases.map(\.rawValue))
        var names: [String: String] = [:]
        for s in DefaultService.allCases {
            names[Catalogue.text(s.messageKey, .zh)] = s.rawValue
            names[Catalogue.text(s.messageKey, .en).lowercased()] = s.rawValue
        }
        for s in custom { codes.insert(s.code); names[s.name] = s.code }
        let facilities = try await Facility.query(on: db).filter(\.$countyCode == county.value).all()
        var facilityNames: [String: UUID] = [:]
        for f in facilities { if let id = f.id { facilityNames[f.name] = id } }
        return NetworkContext(county: county, divisions: divisions, serviceCodes: codes, serviceNames: names, facilityNames: facilityNames)
    }
}
