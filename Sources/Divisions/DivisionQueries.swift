import FluentKit
import Foundation
import XiangcunKit

public enum DivisionQueries {
    /// Direct subdivisions, active first, by code.
    public static func children(of code: DivisionCode, includeInactive: Bool = false, on db: any Database) async throws -> [Division] {
        let q = Division.query(on: db).filter(\.$parentCode == code.value)
        if !includeInactive { q.filter(\.$active == true) }
        return try await q.sort(\.$id).all()
    }

    public static func provinces(on db: any Database) async throws -> [Division] {
        try await Division.query(on: db).filter(\.$level == DivisionLevel.province.rawValue).sort(\.$id).all()
    }

    /// Active units of a level inside a county.
    public static func count(level: DivisionLevel, inCounty county: DivisionCode, on db: any Database) async throws -> Int {
        try await Division.query(on: db).filter(\.$countyCode == county.value)
            .filter(\.$level == level.rawValue).filter(\.$active == true).count()
    }

    /// The chain from province down to the unit itself.
    public static func ancestry(of code: DivisionCode, on db: any Database) async throws -> [Division] {
        var codes: [String] = []
        var current: DivisionCode? = code
        while let c = current { codes.insert(c.value, at: 0); current = c.parent }
        let found = try await Division.query(on: db).filter(\.$id ~~ codes).all()
        return codes.compactMap { code in found.first { $0.id == code } }
    }

    /// "浙江省丽水市遂昌县" style full name (skips the NBS placeholder "市辖区").
    public static func fullName(of code: DivisionCode, on db: any Database) async throws -> String {
        try await ancestry(of: code, on: db).map(\.name).filter { $0 != "市辖区" }.joined()
    }

    /// Counties of a province that exist in this installation.
    public static func counties(inProvince province: DivisionCode, on db: any Database) async throws -> [Division] {
        try await Division.query(on: db).filter(\.$level == DivisionLevel.county.rawValue)
            .filter(\.$id >= province.short).filter(\.$id < province.short + "z").sort(\.$id).all()
    }
}
