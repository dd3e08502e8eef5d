import ArgumentParser
import Divisions
import FluentKit
import Foundation
import Storage
import TestDatabases
import Testing
import XiangcunKit
@testable import XiangcunCLI

/// `xiangcun import divisions --builtin`, parsed like the command line and run against a fresh
/// database of each engine.
@Suite("Built-in divisions on the command line")
struct DivisionCLITests {
    /// Parses `import divisions …` and runs it on `config`.
    func importDivisions(_ arguments: [String], on config: DatabaseConfig) async throws {
        let parsed = try XiangcunCommand.parseAsRoot(["import", "divisions"] + arguments)
        let command = try #require(parsed as? ImportCommand.DivisionsImport)
        try await command.run(database: config)
    }

    /// Reads the database after a command ran.
    func inspect<T>(_ config: DatabaseConfig, _ body: (any Database) async throws -> T) async throws -> T {
        try await StorageSession.with(config) { store in try await body(store.db) }
    }

    func count(_ level: DivisionLevel, on db: any Database) async throws -> Int {
        try await Division.query(on: db).filter(\.$level == level.rawValue).count()
    }

    @Test(arguments: Engine.all)
    func oneCountyImportsItsChainAndTownshipsOnceAndBadCodesChangeNothing(_ engine: Engine) async throws {
        let (config, cleanup) = try await freshDatabase(engine)
        do {
            try await importDivisions(["--builtin", "--county", "360982"], on: config)
            let levels = try await inspect(config) { db in
                (try await count(.province, on: db), try await count(.city, on: db), try await count(.county, on: db),
                 try await count(.township, on: db), try await Division.find("360982000000", on: db)?.name)
            }
            #expect(levels.0 == 1 && levels.1 == 11 && levels.2 == 10 && levels.3 == 22)
            #expect(levels.4 == "樟树市")
            // Again: nothing added, nothing made inactive.
            try await importDivisions(["--builtin", "--county", "360982"], on: config)
            let total = try await inspect(config) { db in try await Division.query(on: db).count() }
            #expect(total == 1 + 11 + 10 + 22)
            // A neighbour of the same city: its townships join, 樟树市's stay active.
            try await importDivisions(["--builtin", "--county", "360981"], on: config)
            let neighbours = try await inspect(config) { db in
                (try await Division.query(on: db).count(), try await Division.query(on: db).filter(\.$active == false).count(),
                 try await DivisionQueries.count(level: .township, inCounty: try DivisionCode("360982"), on: db))
            }
            #expect(neighbours.0 == total + (try BuiltinDivisions.county("360981").filter { $0.code.level == .township }.count))
            #expect(neighbours.1 == 0)
            #expect(neighbours.2 == 22)
            // Codes that name no county are refused with the reason; the database is untouched.
            for (code, reason) in [("360999", "is not a county in the built-in NBS 2023 list"), ("3609", "is not a county"),
                                   ("36098x", "is not a division code")] {
                do {
                    try await importDivisions(["--builtin", "--county", code], on: config)
                    Issue.record("--county \(code) must fail")
                } catch {
                    #expect(XiangcunCommand.message(for: error).contains("\(code) \(reason)"), "\(error)")
                    #expect(XiangcunCommand.exitCode(for: error) != .success)
                }
            }
            #expect(try await inspect(config) { db in try await Division.query(on: db).count() } == neighbours.0)
            try await cleanup()
        } catch {
            try? await cleanup()
            throw error
        }
    }

    @Test(arguments: Engine.all)
    func theWholeCountryDownToCounties(_ engine: Engine) async throws {
        let (config, cleanup) = try await freshDatabase(engine)
        do {
            try await importDivisions(["--builtin"], on: config)
            let levels = try await inspect(config) { db in
                (try await count(.province, on: db), try await count(.city, on: db), try await count(.county, on: db), try await count(.township, on: db))
            }
            #expect(levels == (31, 342, 2978 - 3, 0))
            try await cleanup()
        } catch {
            try? await cleanup()
            throw error
        }
    }

    /// A file or the built-in lists, never both; --county only picks from the built-in lists.
    @Test func argumentsAreCheckedBeforeAnythingIsRead() {
        for arguments in [["--builtin", "x.csv"], [], ["x.csv", "--county", "360982"]] {
            #expect(throws: (any Error).self, "\(arguments)") { try XiangcunCommand.parseAsRoot(["import", "divisions"] + arguments) }
        }
    }
}
