import Fluent
import Foundation

/// Pages of 农产品与追溯 (see docs/trace.md). The section's front page is `SiteURL.section(.products)`.
public enum TraceURL: Sendable, Equatable {
    case producers
    case producer(UUID)
    case producerCertifications(UUID)
    case producerUsers(UUID)
    /// The scanned certificate (证书扫描件) of a certification: staff only, never public.
    case certificationEvidence(UUID)
    case catalogue
    case catalogueImport
    case product(UUID)
    case productStandards(UUID)
    case brands
    case brandGrants
    case grantRevoke(UUID)
    case batches
    case batch(UUID)
    case batchRecords(UUID)
    case batchInspections(UUID)
    case batchMoves(UUID)
    case batchTransform(UUID)
    case batchPack(UUID)
    case batchRecall(UUID)
    case batchLabels(UUID)
    case recall(UUID)
    case recallExport(UUID)
    case scans
    /// Public GS1 Digital Link paths (no sign-in); the argument is the route pattern or path.
    case link(String)

    public var path: String {
        let base = "/products"
        switch self {
        case .producers: return base + "/producers"
        case .producer(let id): return base + "/producers/\(id.uuidString)"
        case .producerCertifications(let id): return base + "/producers/\(id.uuidString)/certifications"
        case .producerUsers(let id): return base + "/producers/\(id.uuidString)/users"
        case .certificationEvidence(let id): return base + "/certifications/\(id.uuidString)/evidence"
        case .catalogue: return base + "/catalogue"
        case .catalogueImport: return base + "/catalogue/import"
        case .product(let id): return base + "/catalogue/\(id.uuidString)"
        case .productStandards(let id): return base + "/catalogue/\(id.uuidString)/standards"
        case .brands: return base + "/brands"
        case .brandGrants: return base + "/brands/grants"
        case .grantRevoke(let id): return base + "/brands/grants/\(id.uuidString)/revoke"
        case .batches: return base + "/batches"
        case .batch(let id): return base + "/batches/\(id.uuidString)"
        case .batchRecords(let id): return base + "/batches/\(id.uuidString)/records"
        case .batchInspections(let id): return base + "/batches/\(id.uuidString)/inspections"
        case .batchMoves(let id): return base + "/batches/\(id.uuidString)/moves"
        case .batchTransform(let id): return base + "/batches/\(id.uuidString)/transform"
        case .batchPack(let id): return base + "/batches/\(id.uuidString)/pack"
        case .batchRecall(let id): return base + "/batches/\(id.uuidString)/recall"
        case .batchLabels(let id): return base + "/batches/\(id.uuidString)/labels"
        case .recall(let id): return base + "/recalls/\(id.uuidString)"
        case .recallExport(let id): return base + "/recalls/\(id.uuidString)/export.csv"
        case .scans: return base + "/scans"
        case .link(let path): return path
        }
    }

    /// The Digital Link route patterns: GTIN or county trace code, then lot, then serial.
    static let linkPatterns = ["/01/:gtin", "/01/:gtin/10/:lot", "/01/:gtin/10/:lot/21/:serial",
                               "/t/:code", "/t/:code/10/:lot", "/t/:code/10/:lot/21/:serial"]

    static let all: [TraceURL] = [
        .producers, .producer(Placeholder.id), .producerCertifications(Placeholder.id), .producerUsers(Placeholder.id),
        .certificationEvidence(Placeholder.id), .catalogue, .catalogueImport, .product(Placeholder.id), .productStandards(Placeholder.id),
        .brands, .brandGrants, .grantRevoke(Placeholder.id), .batches, .batch(Placeholder.id), .batchRecords(Placeholder.id),
        .batchInspections(Placeholder.id), .batchMoves(Placeholder.id), .batchTransform(Placeholder.id), .batchPack(Placeholder.id),
        .batchRecall(Placeholder.id), .batchLabels(Placeholder.id), .recall(Placeholder.id), .recallExport(Placeholder.id), .scans,
    ] + linkPatterns.map { .link($0) }
}

/// The JSON API of 农产品与追溯 under /api/v1/trace, including the EPCIS 2.0 endpoints.
public enum TraceAPIURL: Sendable, Equatable {
    case capture
    case events
    case products
    case batches
    case batchRecall(UUID)

    public var path: String {
        let base = APIURL.base + "/trace"
        switch self {
        case .capture: return base + "/epcis/capture"
        case .events: return base + "/epcis/events"
        case .products: return base + "/products"
        case .batches: return base + "/batches"
        case .batchRecall(let id): return base + "/batches/\(id.uuidString)/recall"
        }
    }

    static let all: [TraceAPIURL] = [.capture, .events, .products, .batches, .batchRecall(Placeholder.id)]
}
