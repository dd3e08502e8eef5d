import Audit
import FluentKit
import Foundation
import LogisticsCore
import NetworkCore
import XiangcunKit

/// What a manifest upload did.
public struct ManifestReport: Sendable {
    public var created = 0
    public var duplicate = 0
    public var issues: [ImportIssue] = []

    public init(created: Int = 0, duplicate: Int = 0, issues: [ImportIssue] = []) {
        self.created = created; self.duplicate = duplicate; self.issues = issues
    }
}

/// Manifest upload: the good rows go through the same intake as the API (idempotent), the
/// bad ones come back with row and column.
public enum ManifestImport {
    public static func importFile(_ data: Data, county: DivisionCode, actor: AuditActor, on db: any Database) async throws -> ManifestReport {
        let parsed = try Manifest.parse(data)
        var report = ManifestReport(issues: parsed.issues)
        for start in stride(from: 0, to: parsed.rows.count, by: ParcelIngest.maxBatch) {
            let slice = Array(parsed.rows[start..<min(start + ParcelIngest.maxBatch, parsed.rows.count)])
            let results = try await ParcelIngest.ingest(slice.map(\.input), county: county, actor: actor, on: db)
            for r in results {
                switch r.outcome {
                case .created: report.created += 1
                case .duplicate: report.duplicate += 1
                case .rejected:
                    for (field, key) in (r.errors ?? [:]).sorted(by: { $0.key < $1.key }) {
                        report.issues.append(Manifest.issue(slice[r.index].row, field, parsed.cells, key))
                    }
                }
            }
        }
        report.issues.sort { ($0.row, $0.column ?? "") < ($1.row, $1.column ?? "") }
        return report
    }
}
