import Audit
import Documents
import FluentKit
import Foundation
import TraceCore
import XiangcunKit

/// The county catalogue (网货目录) and its versioned standards.
public enum ProductService {
    public struct ProductInput: Sendable {
        public var code = "", name = "", category = "", specification = "", unit = "", season = "", annualOutput = "0", grade = "", gtin = "", bestseller = false
        public init() {}
    }

    /// The import file's columns, in order (a header row names them; see docs/trace.md).
    public static let columns = ["code", "name", "category", "specification", "unit", "season", "annual_output", "grade", "gtin", "bestseller"]

    static func validate(_ i: ProductInput, into f: inout ValidationFailure) -> Product {
        let p = Product()
        let code = i.code.trimmingCharacters(in: .whitespaces)
        if !DigitalLink.isValidValue(code) { f.add("code", "trace.error.code") }
        p.code = code
        p.name = FieldRules.name(i.name, field: "name", limit: 60, into: &f) ?? ""
        p.category = FieldRules.name(i.category, field: "category", limit: 40, into: &f) ?? ""
        p.specification = FieldRules.name(i.specification, field: "specification", limit: 60, into: &f) ?? ""
        p.unit = FieldRules.name(i.unit, field: "unit", limit: 10, into: &f) ?? ""
        p.season = FieldRules.name(i.season, field: "season", limit: 40, required: false, into: &f) ?? ""
        p.annualOutput = FieldRules.count(i.annualOutput, field: "annualOutput", limit: 1_000_000_000, into: &f) ?? 0
        p.grade = FieldRules.name(i.grade, field: "grade", limit: 20, required: false, into: &f) ?? ""
        let gtin = i.gtin.trimmingCharacters(in: .whitespaces)
        if !gtin.isEmpty {
            if let g = GTIN(gtin) { p.gtin = g.digits } else { f.add("gtin", "trace.error.gtin") }
        }
        p.bestseller = i.bestseller
        return p
    }

    public static func create(_ i: ProductInput, county: DivisionCode, actor: AuditActor, sample: Bool = false, on db: any Database) async throws -> Product {
        try await db.writeTransaction { tx in try await insert([i], county: county, actor: actor, sample: sample, on: tx)[0] }
    }

    /// Checks and inserts products; refuses them all when one fails (the failure names the row
    /// as `row<N>.<field>` when there are several).
    static func insert(_ inputs: [ProductInput], county: DivisionCode, actor: AuditActor, sample: Bool, on tx: any Database) async throws -> [Product] {
        var f = ValidationFailure()
        var products: [Product] = []
        var codes = Set<String>()
        for (n, i) in inputs.enumerated() {
            var rowFailure = ValidationFailure()
            let p = validate(i, into: &rowFailure)
            let codeTaken = try await Product.query(on: tx).filter(\.$code == p.code).first() != nil
            if !codes.insert(p.code).inserted || codeTaken { rowFailure.add("code", "error.taken") }
            if try await Product.query(on: tx).filter(\.$countyCode == county.value).filter(\.$name == p.name).first() != nil { rowFailure.add("name", "error.taken") }
            for (field, key) in rowFailure.fields { f.fields[inputs.count == 1 ? field : "row\(n + 2).\(field)"] = key }
            p.countyCode = county.value; p.sample = sample
            products.append(p)
        }
        try f.throwIfAny()
        for p in products {
            try await p.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: Product.schema, entityID: try p.requireID().uuidString, county: county.value,
                                      new: ["code": p.code, "name": p.name, "category": p.category, "gtin": p.gtin ?? "", "bestseller": "\(p.bestseller)"])
        }
        return products
    }

    /// Imports a CSV file of products (UTF-8 or GB18030, header row first): all rows or none.
    public static func importCSV(_ data: Data, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> [Product] {
        let table: CSV.Table
        do { table = try CSV.read(data) } catch { throw ValidationFailure(["file": "trace.error.csv"]) }
        guard let header = table.records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }), header.starts(with: columns.prefix(8)) else {
            throw ValidationFailure(["file": "trace.error.header|" + columns.joined(separator: ",")])
        }
        let inputs = table.records.dropFirst().filter { !$0.isBlank }.map { r in
            var i = ProductInput()
            i.code = r[safe: 0] ?? ""; i.name = r[safe: 1] ?? ""; i.category = r[safe: 2] ?? ""; i.specification = r[safe: 3] ?? ""
            i.unit = r[safe: 4] ?? ""; i.season = r[safe: 5] ?? ""; i.annualOutput = r[safe: 6] ?? ""; i.grade = r[safe: 7] ?? ""
            i.gtin = r[safe: 8] ?? ""; i.bestseller = ["1", "true", "是", "yes"].contains((r[safe: 9] ?? "").lowercased())
            return i
        }
        guard !inputs.isEmpty else { throw ValidationFailure(["file": "trace.error.empty"]) }
        return try await db.writeTransaction { tx in try await insert(inputs, county: county, actor: actor, sample: false, on: tx) }
    }

    public static let standardKinds = ["grading", "packaging", "storage"]

    /// A new version of one of a product's standards (the earlier versions stay readable).
    public static func addStandard(to p: Product, kind: String, title: String, body: String, effectiveOn: String,
                                   actor: AuditActor, on db: any Database) async throws -> ProductStandard {
        var f = ValidationFailure()
        if !standardKinds.contains(kind) { f.add("kind", "error.invalid") }
        let t = FieldRules.name(title, field: "title", limit: 100, into: &f)
        let text = FieldRules.text(body, field: "body", limit: 20_000, into: &f)
        let day = Day(effectiveOn.trimmingCharacters(in: .whitespaces))
        if day == nil { f.add("effectiveOn", "error.date") }
        try f.throwIfAny()
        let id = try p.requireID()
        return try await db.writeTransaction { tx in
            let last = try await ProductStandard.query(on: tx).filter(\.$productID == id).filter(\.$kind == kind).sort(\.$version, .descending).first()
            let s = ProductStandard()
            s.productID = id; s.countyCode = p.countyCode; s.kind = kind; s.version = (last?.version ?? 0) + 1
            s.title = t ?? ""; s.body = text; s.effectiveOn = day?.iso ?? ""
            try await s.create(on: tx)
            try await AuditLog.record(on: tx, actor: actor, action: .create, entity: ProductStandard.schema, entityID: try s.requireID().uuidString,
                                      county: p.countyCode, new: ["product": p.name, "kind": kind, "version": "\(s.version)", "title": s.title])
            return s
        }
    }

    /// The version in force of each kind of standard of a product.
    public static func currentStandards(of product: UUID, on db: any Database) async throws -> [ProductStandard] {
        let all = try await ProductStandard.query(on: db).filter(\.$productID == product).sort(\.$version, .descending).all()
        var seen = Set<String>()
        return all.filter { seen.insert($0.kind).inserted }
    }
}
