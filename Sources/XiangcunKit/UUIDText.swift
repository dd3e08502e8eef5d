import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// UUIDs made and written as text without Foundation's C helpers, for the ingest path's
/// hundreds of thousands of them.
///
/// Why: on Linux `UUID()` opens, reads and closes /dev/urandom for every UUID (80,000 opens for
/// 40,000 parcels), `uuidString` formats with `sprintf` and `UUID(uuidString:)` parses with
/// `sscanf`. These do the same work in a few dozen instructions each, with the same results.
extension UUID {
    /// A random (version 4) UUID from the kernel's generator, whose bytes are fetched 4 KiB at a
    /// time (`RandomWords`).
    public static func random() -> UUID {
        let (high, low) = randomWords.withLock { $0.pair() }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { b in
            b.storeBytes(of: high, toByteOffset: 0, as: UInt64.self)
            b.storeBytes(of: low, toByteOffset: 8, as: UInt64.self)
            b[6] = (b[6] & 0x0F) | 0x40  // version 4
            b[8] = (b[8] & 0x3F) | 0x80  // RFC 4122 variant
        }
        return UUID(uuid: bytes)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The same text as `uuidString` (upper-case hex, dashes after bytes 4, 6, 8 and 10).
    public var text: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for i in 0..<16 {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = 0x2D; o += 1 }
                    out[o] = Self.hexDigits[Int(bytes[i] >> 4)]
                    out[o + 1] = Self.hexDigits[Int(bytes[i] & 0x0F)]
                    o += 2
                }
                return o
            }
        }
    }

    /// Parses what `text` and `uuidString` write (either case of hex); nil for anything else.
    public init?(text: String) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed: Bool? = text.utf8.withContiguousStorageIfAvailable { s in
            guard s.count == 36, s[8] == 0x2D, s[13] == 0x2D, s[18] == 0x2D, s[23] == 0x2D else { return false }
            return withUnsafeMutableBytes(of: &bytes) { b in
                var i = 0
                for n in 0..<16 {
                    if i == 8 || i == 13 || i == 18 || i == 23 { i += 1 }  // the dashes, checked above
                    guard let h = Self.nibble(s[i]), let l = Self.nibble(s[i + 1]) else { return false }
                    b[n] = h << 4 | l
                    i += 2
                }
                return true
            }
        }
        if parsed == nil {
            // A string not stored as contiguous UTF-8 (bridged): the Foundation way.
            guard let u = UUID(uuidString: text) else { return nil }
            self = u
            return
        }
        guard parsed == true else { return nil }
        self.init(uuid: bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }
}

/// Random bytes from the kernel's generator, fetched 4 KiB at a time: one read per 256 UUIDs.
/// Why: two `getrandom` calls per UUID (`SystemRandomNumberGenerator` takes 8 bytes a call) were
/// 1.4 % of the machine's samples in `bench ingest` on PostgreSQL (about 4 % of the server's);
/// now 0.2 %. The bytes are the kernel's; each is handed out once.
private let randomWords = Mutex(RandomWords())

private struct RandomWords: Sendable {
    var words = [UInt64](repeating: 0, count: 512)
    var next = 512
    var urandom: Int32 = -1

    mutating func pair() -> (UInt64, UInt64) {
        if next + 2 > words.count { refill() }
        defer { next += 2 }
        return (words[next], words[next + 1])
    }

    mutating func refill() {
        next = 0
        #if os(Linux)
        // /dev/urandom is the kernel's generator (getrandom is not in Swift's Glibc module); the
        // file is kept open, so a refill is one read.
        if urandom < 0 { urandom = open("/dev/urandom", O_RDONLY | O_CLOEXEC) }
        let complete = urandom >= 0 && words.withUnsafeMutableBytes { buffer -> Bool in
            var filled = 0
            while filled < buffer.count {
                let n = read(urandom, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
                if n > 0 { filled += n } else if n == 0 || errno != EINTR { return false }
            }
            return true
        }
        if complete { return }
        #endif
        var generator = SystemRandomNumberGenerator()
        for i in words.indices { words[i] = generator.next() }
    }
}
