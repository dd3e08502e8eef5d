import Accounts
import Vapor

/// bcrypt for the Accounts module (which takes any `PasswordHashing`). Only Vapor's bcrypt
/// function is used here; no application is started.
public struct BcryptPasswordHasher: PasswordHashing {
    public init(cost: Int) { self.cost = cost }
    let cost: Int
    public func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }
    public func verify(_ password: String, against hash: String) throws -> Bool { try Bcrypt.verify(password, created: hash) }
}
