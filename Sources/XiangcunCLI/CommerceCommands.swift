import ArgumentParser
import Commerce
import CommerceCore
import Foundation
import NetworkCore
import XiangcunKit

/// `xiangcun import attendance FILE --session ID`: a training sign-in sheet (签到表), all rows or none.
struct AttendanceImport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance",
        abstract: "Import a training sign-in sheet (.xlsx or .csv) into one session.",
        discussion: "Columns 姓名, 身份证号 (required), 手机号, 乡镇, 村, 群体. Every row is checked first (GB 11643 ID numbers, an ID number seen with two names, townships of the county); any problem refuses the whole sheet with its row and column. People already signed in are counted once. Layout: docs/commerce.md.")
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Sign-in sheet (.xlsx or .csv).") var file: String
    @Option(help: "The session's id (shown on its page and by the API).") var session: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw UserFacingError("cannot read \(file)") }
        guard let id = UUID(uuidString: session) else { throw UserFacingError("--session: \(session) is not a session id") }
        try await withStorage(storage) { store in
            guard let s = try await TrainingSession.find(id, on: store.db) else { throw UserFacingError("--session: no session \(session)") }
            do {
                let r = try await TrainingService.importSignIn(data, session: s, actor: .cli("import"), on: store.db)
                print("\(file): \(r.added) signed in at \(s.title) (\(s.heldOn)), \(r.alreadySigned) already signed in")
            } catch let failed as ImportFailed {
                throw UserFacingError((["\(file): \(failed.issues.count) problems, nothing imported"] + failed.issues.prefix(50).map { "  " + $0.text(.en) })
                    .joined(separator: "\n"))
            }
        }
    }
}

/// `xiangcun report training --county C --format xlsx|csv --out FILE`: the training ledger, ID
/// numbers and phones masked (`--unmasked` writes them whole, and the export is audited).
struct TrainingReport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "The training ledger (培训台账): counts, sessions and attendance as xlsx, or attendance as csv.")
    @OptionGroup var storage: StorageOptions
    @Option(help: "County division code, e.g. 331123.") var county: String
    @Option(help: "xlsx or csv.") var format: String = "xlsx"
    @Option(help: "Output file.") var out: String
    @Flag(help: "Whole ID numbers and phones (written to the audit trail).") var unmasked = false

    func run() async throws {
        guard ["xlsx", "csv"].contains(format) else { throw ValidationError("--format must be xlsx or csv") }
        let code = try CLIArguments.county(county)
        try await withStorage(storage) { store in
            let data = try await TrainingExport.file(county: code, format: format, unmasked: unmasked, language: .zh, actor: .cli("report"), on: store.db)
            try data.write(to: URL(fileURLWithPath: out))
            let values = try await CommerceIndicators.all(county: code, day: .today(), on: store.db)
            let personTimes = values[CommerceIndicatorKey.trainingPersonTimes.rawValue].map { "\($0)" } ?? "0"
            let people = values[CommerceIndicatorKey.trainingPeople.rawValue].map { "\($0)" } ?? "0"
            print("wrote \(out): \(personTimes) person-times, \(people) people")
        }
    }
}
