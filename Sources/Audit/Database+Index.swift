import FluentKit
import SQLKit

/// Small schema helpers shared by every capability's migrations (FluentKit has no indexes).
extension Database {
    public func createIndex(_ name: String, on table: String, columns: [String], unique: Bool = false) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        if unique { builder = builder.unique() }
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }

}
