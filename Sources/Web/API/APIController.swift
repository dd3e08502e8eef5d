import Accounts
import Audit
import Divisions
import Fluent
import Vapor
import XiangcunKit

/// JSON API under /api/v1, described in `openapi.yaml`. Authenticated by session (with the
/// CSRF header for writes) or bearer token; scoped to the caller's county like the pages.
struct APIController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .me, use: me)
        routes.on(.GET, .divisions, use: divisions)
        routes.on(.GET, .division(":code"), use: division)
        routes.on(.GET, .users, use: users)
        routes.on(.POST, .users, use: createUser)
        routes.on(.GET, .user(Placeholder.id), use: user)
        routes.on(.GET, .audit, use: audit)
    }

    struct MeDTO: Content {
        var id: UUID?; var username: String; var displayName: String; var role: String; var scope: String?; var county: String?
        var language: String
    }

    @Sendable func me(_ req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        return MeDTO(id: user.id, username: user.username, displayName: user.displayName, role: user.role,
                     scope: user.countyCode, county: req.context.county?.value, language: req.context.language.rawValue)
    }

    struct DivisionDTO: Content {
        var code: String; var name: String; var level: String; var parentCode: String?; var townshipKind: String?
        var urbanRuralClass: String?; var active: Bool; var sample: Bool

        init(_ d: Division) {
            code = d.id ?? ""; name = d.name; level = "\(d.divisionLevel)"; parentCode = d.parentCode
            townshipKind = d.townshipKind; urbanRuralClass = d.urbanRuralClass; active = d.active; sample = d.sample
        }
    }

    struct ListDTO<T: Content>: Content { var items: [T]; var total: Int }

    /// Children of `parent` (default: the county in view).
    @Sendable func divisions(_ req: Request) async throws -> ListDTO<DivisionDTO> {
        let user = try req.requireUser()
        let parentText = req.query[String.self, at: "parent"] ?? req.context.county?.value
        guard let parentText else { throw Abort(.badRequest, reason: "parent: give a division code (or county= for your scope)") }
        let parent: DivisionCode
        do { parent = try DivisionCode(parentText) } catch {
            switch error {
            // Well-formed but not a code that can exist: no such division.
            case .unknownProvince, .gap: throw Abort(.notFound)
            case .empty, .notDigits, .badLength: throw Abort(.badRequest, reason: "parent: a division code of 2, 4, 6, 9 or 12 digits")
            }
        }
        guard user.scope.contains(parent) else { throw Abort(.notFound) }
        let items = try await DivisionQueries.children(of: parent, includeInactive: try req.apiBool("includeInactive") ?? false, on: req.db)
        return ListDTO(items: items.map(DivisionDTO.init), total: items.count)
    }

    @Sendable func division(_ req: Request) async throws -> DivisionDTO {
        let user = try req.requireUser()
        guard let text = req.parameters.get("code"), let code = try? DivisionCode(text), user.scope.contains(code),
              let d = try await Division.find(code.value, on: req.db) else { throw Abort(.notFound) }
        return DivisionDTO(d)
    }

    struct UserDTO: Content {
        var id: UUID?; var username: String; var displayName: String; var role: String; var scopeCode: String?
        var phone: String?; var disabled: Bool; var lastLoginAt: Date?

        init(_ u: User, viewer: User) {
            id = u.id; username = u.username; displayName = u.displayName; role = u.role; scopeCode = u.countyCode
            phone = u.phone.map { viewer.userRole.can(.seePersonalData) ? $0 : Identifiers.maskPhone($0) }
            disabled = u.disabled; lastLoginAt = u.lastLoginAt
        }
    }

    @Sendable func users(_ req: Request) async throws -> ListDTO<UserDTO> {
        let admin = try req.require(.manageUsers)
        let list = try await AccountService.list(in: admin.scope, on: req.db)
        return ListDTO(items: list.map { UserDTO($0, viewer: admin) }, total: list.count)
    }

    @Sendable func user(_ req: Request) async throws -> UserDTO {
        let admin = try req.require(.manageUsers)
        guard let id = req.parameters.get("id", as: UUID.self), let u = try await AccountService.find(id, in: admin.scope, on: req.db) else {
            throw Abort(.notFound)
        }
        return UserDTO(u, viewer: admin)
    }

    struct NewUserDTO: Content {
        var username: String; var displayName: String; var password: String; var role: String; var scopeCode: String?; var phone: String?
    }

    @Sendable func createUser(_ req: Request) async throws -> Response {
        let admin = try req.require(.manageUsers)
        let input = try req.content.decode(NewUserDTO.self)
        guard let role = Role(rawValue: input.role) else { throw ValidationFailure(["role": "error.invalid"]) }
        let created = try await req.createUser(
            NewUser(username: input.username, displayName: input.displayName, password: input.password, role: role,
                    scopeCode: input.scopeCode, phone: input.phone), by: admin)
        let response = Response(status: .created)
        try response.content.encode(UserDTO(created, viewer: admin))
        response.headers.replaceOrAdd(name: .location, value: APIURL.user(try created.requireID()).path)
        return response
    }

    struct AuditDTO: Content {
        var at: Date; var actor: String; var address: String; var action: String; var entity: String; var entityID: String
        var county: String?; var old: [String: String]; var new: [String: String]
    }

    @Sendable func audit(_ req: Request) async throws -> ListDTO<AuditDTO> {
        let filter = try AuditPage.filter(req)
        let page = try req.apiInt("page", in: 1...100_000) ?? 1
        let per = try req.apiInt("per", in: 1...500) ?? 100
        let (entries, total) = try await AuditQuery.page(filter, page: page, per: per, on: req.db)
        return ListDTO(items: entries.map {
            AuditDTO(at: $0.at, actor: $0.actorName, address: $0.address, action: $0.action, entity: $0.entity, entityID: $0.entityID,
                     county: $0.countyCode, old: AuditLog.decode($0.oldValues), new: AuditLog.decode($0.newValues))
        }, total: total)
    }
}
