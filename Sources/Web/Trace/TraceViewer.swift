import Fluent
import Accounts
import Trace
import Vapor
import XiangcunKit

/// Who is looking at 农产品与追溯 and what they may do. County roles read the county;
/// a producer's users see and record only their own producer's records (others: not found);
/// inspectors record inspections; the county manages everything.
struct TraceViewer: Sendable {
    let user: User
    let county: DivisionCode
    /// The producers a `producer` user records for; nil for every other role (whole county).
    let ownProducers: [UUID]?

    var role: Role { user.userRole }
    var canManage: Bool { role.can(.manageTrace) }
    var canRecord: Bool { role.can(.recordTrace) }
    var canInspect: Bool { role.can(.inspectTrace) }
    /// Unmasked identifiers and phones: the county's administrators and auditors only.
    var seesPersonalData: Bool { role.can(.seePersonalData) }

    /// Certificate scans: the county's officers, its inspectors and the producer's own users.
    var seesCertificates: Bool { [.countyAdmin, .inspector, .producer].contains(role) }

    func canSee(_ b: Batch) -> Bool { ownProducers.map { $0.contains(b.producerID) } ?? true }
    func canSee(_ p: Producer) -> Bool { ownProducers.map { p.id.map($0.contains) ?? false } ?? true }

    func requireManage() throws { if !canManage { throw Abort(.forbidden) } }

    /// The contact phone and identifier: masked in lists; whole on a producer's own page for
    /// roles that need them (that view is audited by `ProducerPage.load`).
    func phone(_ p: Producer, whole: Bool = false) -> String { p.contactPhone.map { whole && seesPersonalData ? $0 : Identifiers.maskPhone($0) } ?? "—" }
    func identifier(_ p: Producer, whole: Bool = false) -> String {
        if let id = p.idNumber { return whole && seesPersonalData ? id : Identifiers.maskIDNumber(id) }
        return p.creditCode ?? "—"
    }
}

extension Request {
    func traceViewer() async throws -> TraceViewer {
        let user = try require(.readTrace)
        let county = try requireCounty()
        var own: [UUID]? = nil
        if user.userRole == .producer { own = try await TraceQueries.producerIDs(ofUser: try user.requireID(), on: db) }
        return TraceViewer(user: user, county: county, ownProducers: own)
    }

    /// The `id` parameter as a record of the viewer's county (and own producer), else 404.
    func traceBatch(_ v: TraceViewer) async throws -> Batch {
        guard let id = parameters.get("id", as: UUID.self), let b = try await TraceQueries.find(Batch.self, id, county: v.county.value, on: db),
              v.canSee(b) else { throw Abort(.notFound) }
        return b
    }

    func traceProducer(_ v: TraceViewer) async throws -> Producer {
        guard let id = parameters.get("id", as: UUID.self), let p = try await TraceQueries.find(Producer.self, id, county: v.county.value, on: db),
              v.canSee(p) else { throw Abort(.notFound) }
        return p
    }

    func traceProduct(_ v: TraceViewer) async throws -> Product {
        guard let id = parameters.get("id", as: UUID.self), let p = try await TraceQueries.find(Product.self, id, county: v.county.value, on: db) else { throw Abort(.notFound) }
        return p
    }

    /// A posted form field ("" when absent).
    func field(_ name: String) -> String { (try? content.get(String.self, at: name)) ?? "" }
}
