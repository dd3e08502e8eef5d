import ArgumentParser
import FluentKit
import Storage
import Composition

enum DemoBanner {
    static var text: String {
        var lines = ["演示数据已加载 / Demo county loaded: 遂昌县 (331123)", "演示账号 / Demo accounts (password: \(DemoCounty.password)):"]
        for a in DemoCounty.accounts {
            lines.append("  \(a.username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(a.role.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0)) \(a.displayName)")
        }
        return lines.joined(separator: "\n")
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Load or reset the demo county 遂昌县.",
        subcommands: [Load.self, Reset.self, DemoLogistics.self])

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load the demo county and accounts (safe to repeat).")
        @ArgumentParser.OptionGroup var storage: StorageOptions
        @ArgumentParser.Option(help: "Days of demo parcels, ending today (0–400).") var parcelDays = 90

        func run() async throws {
            guard (0...400).contains(parcelDays) else { throw ValidationError("--parcel-days must be between 0 and 400") }
            try await withStorage(storage) { store in
                let report = try await DemoCounty.load(on: store.db, hasher: store.passwordHasher, parcelDays: parcelDays)
                print("divisions: \(report.added) added, \(report.renamed) updated, \(report.unchanged) unchanged")
                print(DemoBanner.text)
            }
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase ALL data (every migration reverted) and load the demo again.")
        @ArgumentParser.OptionGroup var storage: StorageOptions
        @ArgumentParser.Flag(help: "Confirm that every record in the database may be erased.") var yes = false

        func run() async throws {
            guard yes else { throw UserFacingError("demo reset erases the whole database; run again with --yes to confirm") }
            try await withStorage(storage, migrate: false) { store in
                try await store.session.revertAll()
                try await store.session.migrate()
                _ = try await DemoCounty.load(on: store.db, hasher: store.passwordHasher, parcelDays: 90)
                print(DemoBanner.text)
            }
        }
    }
}
