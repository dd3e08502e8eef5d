import ArgumentParser
import Composition
import FluentKit
import Foundation
import Trace
import XiangcunKit

/// `xiangcun import products FILE [--county CODE]`: the county catalogue from CSV, all rows or none.
struct ProductsImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "products", abstract: "Import catalogue products (CSV, UTF-8 or GB18030; columns in docs/trace.md).")
    @OptionGroup var storage: StorageOptions
    @Argument(help: "CSV file with a header row.") var file: String
    @ArgumentParser.Option(help: "County code (6 or 12 digits); default: the demo county 331123.") var county = DemoCounty.countyCode

    func run() async throws {
        let code = try CLIArguments.county(county)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        try await withStorage(storage) { store in
            do {
                let products = try await ProductService.importCSV(data, county: code, actor: .cli("import"), on: store.db)
                print("\(file): imported \(products.count) products")
            } catch let failure as ValidationFailure {
                let lines = failure.fields.sorted { $0.key < $1.key }.map { "  \($0.key): \(Catalogue.text($0.value, .zh))" }
                throw UserFacingError((["\(file): \(failure.fields.count) errors, nothing imported"] + lines).joined(separator: "\n"))
            }
        }
    }
}

/// `xiangcun labels --batch ID --out FILE.html`: a printable label sheet with QR codes.
struct LabelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "labels", abstract: "Write a printable label sheet (HTML, QR codes) for a batch.")
    @OptionGroup var storage: StorageOptions
    @ArgumentParser.Option(help: "Batch id (UUID) or lot.") var batch: String
    @ArgumentParser.Option(help: "Output HTML file.") var out: String
    @ArgumentParser.Option(help: "How many labels (serials 1…N).") var count = 24
    @ArgumentParser.Option(help: "The county's public address the QR codes point to (env XIANGCUN_PUBLIC_URL).")
    var baseURL = ProcessInfo.processInfo.environment["XIANGCUN_PUBLIC_URL"] ?? "https://trace.example.cn"

    func run() async throws {
        try await withStorage(storage) { store in
            let b = try await TraceCLI.batch(batch, on: store.db)
            do {
                let html = try await TraceLabels.sheet(for: b, baseURL: baseURL, count: count, on: store.db)
                try Data(html.utf8).write(to: URL(fileURLWithPath: out))
                print("\(out): \(min(count, 500)) labels for lot \(b.lot)")
            } catch let failure as ValidationFailure {
                throw UserFacingError(failure.fields.values.map { Catalogue.text($0, .zh) }.joined(separator: "; "))
            }
        }
    }
}

/// `xiangcun recall BATCH --reason …`: marks a batch recalled and prints everything downstream.
struct RecallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recall", abstract: "Recall a batch and list its downstream batches, cases, shipments and stations.")
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Batch id (UUID) or lot.") var batch: String
    @ArgumentParser.Option(help: "Why (shown on every affected trace page).") var reason: String

    func run() async throws {
        try await withStorage(storage) { store in
            let b = try await TraceCLI.batch(batch, on: store.db)
            do { try await FlowService.recall(b, reason: reason, actor: .cli("recall"), on: store.db) } catch let failure as ValidationFailure {
                throw UserFacingError(failure.fields.values.map { Catalogue.text($0, .zh) }.joined(separator: "; "))
            }
            let rows = try await RecallQuery.downstream(of: b.uri, county: b.countyCode, on: store.db)
            for r in rows {
                print([r.kind.rawValue, r.lot ?? r.uri, r.product ?? "", r.station ?? r.destination.map(TraceEvents.destinationName) ?? "", r.recipient ?? ""]
                    .joined(separator: "\t"))
            }
            let count = { (kind: RecallQuery.Row.Kind) in rows.filter { $0.kind == kind }.count }
            print("recalled \(b.lot): \(count(.item)) items, \(count(.shipment)) shipments, \(count(.parcel)) parcels")
        }
    }
}

enum TraceCLI {
    /// A batch by id or, failing that, by lot (the first found).
    static func batch(_ text: String, on db: any Database) async throws -> Batch {
        if let id = UUID(uuidString: text), let b = try await Batch.find(id, on: db) { return b }
        guard let b = try await Batch.query(on: db).filter(\.$lot == text).first() else { throw UserFacingError("no batch \(text)") }
        return b
    }
}
