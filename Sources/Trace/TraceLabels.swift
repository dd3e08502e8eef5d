import FluentKit
import Foundation
import TraceCore
import XiangcunKit

/// Label sheets for a batch (web page and `xiangcun labels`). A batch whose brand the producer
/// may no longer use (grant expired or revoked) gets no labels: the refusal names the reason.
public enum TraceLabels {
    public static func sheet(for b: Batch, baseURL: String, count: Int, today: Day = .today(), on db: any Database) async throws -> String {
        guard let product = try await Product.find(b.productID, on: db), let producer = try await Producer.find(b.producerID, on: db) else { throw TraceError.notFound }
        var brandName: String?
        if let brandID = b.brandID, let brand = try await Brand.find(brandID, on: db) {
            if let refusal = BrandRule.check(producer: b.producerID.uuidString, product: b.productID.uuidString, on: today,
                                             grants: try await CatalogueService.grants(brand: brandID, on: db)) {
                throw ValidationFailure(["brandID": "trace.brand.refused.\(refusal.rawValue)"])
            }
            brandName = brand.name
        }
        let link = BatchService.linkProduct(product)
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let labels = (1...max(1, min(count, LabelSheet.limit))).map { n in
            LabelSheet.Label(url: base + DigitalLink(product: link, lot: b.lot, serial: String(n)).path, product: product.name, lot: b.lot,
                             serial: String(n), brand: brandName, producer: producer.kind == "individual" ? Catalogue.text("trace.kind.individual", .zh) : producer.name)
        }
        return try LabelSheet.html(title: product.name + " " + b.lot, labels: labels)
    }
}
