import Accounts
import ArgumentParser
import Audit
import Foundation
import XiangcunKit

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.",
        subcommands: [Add.self, SetPassword.self, List.self, Disable.self, Enable.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account.",
            discussion: "Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). County roles need --county (6 or 12 digits); provinceViewer needs --county with a province code; systemAdmin none.\nThe password is read from XIANGCUN_PASSWORD or generated and printed once.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Login name (3–32 of a-z 0-9 . _ -).") var username: String
        @Option(help: "Display name, e.g. 张三.") var name: String
        @Option(help: "Role.") var role: String
        @Option(help: "County (or province) division code.") var county: String?
        @Option(help: "Mobile number (personal data, shown masked to most roles).") var phone: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("unknown role \(role); one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))") }
            let given = ProcessInfo.processInfo.environment["XIANGCUN_PASSWORD"]
            let password = given ?? Secrets.token().prefix(16).description
            try await withStorage(storage) { store in
                let code = county.flatMap { try? DivisionCode($0).value } ?? county
                do {
                    let user = try await AccountService.create(
                        NewUser(username: username, displayName: name, password: password, role: role, scopeCode: code, phone: phone),
                        hasher: store.passwordHasher, actor: .cli(), creatorScope: .everything, on: store.db)
                    print("added \(user.username) (\(role.rawValue))")
                    if given == nil { print("password: \(password)") }
                } catch let failure as ValidationFailure {
                    throw UserFacingError(failure.fields.sorted { $0.key < $1.key }.map { "\($0.key): \(Catalogue.text($0.value, .en))" }.joined(separator: "; "))
                }
            }
        }
    }

    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-password", abstract: "Set a password (from XIANGCUN_PASSWORD or generated).")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            let given = ProcessInfo.processInfo.environment["XIANGCUN_PASSWORD"]
            let password = given ?? Secrets.token().prefix(16).description
            try await withStorage(storage) { store in
                guard let user = try await AccountService.findByUsername(username, on: store.db) else { throw UserFacingError("no user \(username)") }
                do {
                    try await AccountService.setPassword(user, to: password, hasher: store.passwordHasher, actor: .cli(), on: store.db)
                } catch is ValidationFailure {
                    throw UserFacingError("password: at least \(AccountService.minimumPasswordLength) characters")
                }
                print("password of \(username) changed; sessions signed out")
                if given == nil { print("password: \(password)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts (phones masked).")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Only this county.") var county: String?

        func run() async throws {
            try await withStorage(storage) { store in
                var scope = AccessScope.everything
                if let county {
                    guard let code = try? DivisionCode(county) else { throw UserFacingError("--county: not a division code") }
                    scope = .county(code)
                }
                for u in try await AccountService.list(in: scope, on: store.db) {
                    print([u.username, u.role, u.countyCode ?? "-", u.disabled ? "disabled" : "active", u.displayName].joined(separator: "\t"))
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account (signs it out, revokes its tokens).")
        @OptionGroup var storage: StorageOptions
        @Argument var username: String
        func run() async throws { try await toggle(storage, username, disabled: true) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @OptionGroup var storage: StorageOptions
        @Argument var username: String
        func run() async throws { try await toggle(storage, username, disabled: false) }
    }
}

func toggle(_ storage: StorageOptions, _ username: String, disabled: Bool) async throws {
    try await withStorage(storage) { store in
        guard let user = try await AccountService.findByUsername(username, on: store.db) else { throw UserFacingError("no user \(username)") }
        try await AccountService.setDisabled(user, disabled, actor: .cli(), on: store.db)
        print("\(username) \(disabled ? "disabled" : "enabled")")
    }
}
