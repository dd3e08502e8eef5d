import Foundation
import Testing
import XiangcunKit

/// The ingest path's UUIDs: random version-4 ones, written and read as Foundation does.
@Suite struct UUIDTextTests {
    @Test func randomUUIDsAreVersionFourDistinctAndWrittenAsFoundationWritesThem() {
        var seen = Set<UUID>()
        for _ in 0..<2000 {
            let u = UUID.random()
            #expect(seen.insert(u).inserted)
            #expect(u.text == u.uuidString)
            let t = u.uuid
            #expect(t.6 >> 4 == 4 && t.8 >> 6 == 0b10)
            #expect(UUID(text: u.text) == u)
            #expect(UUID(text: u.text.lowercased()) == u)
        }
        let fixed = UUID(uuidString: "0A1B2C3D-4E5F-4061-8A7B-9C0D1E2F3A4B")
        #expect(fixed?.text == "0A1B2C3D-4E5F-4061-8A7B-9C0D1E2F3A4B")
    }

    /// The random bytes are fetched 4 KiB at a time and shared by all threads: tasks taking UUIDs
    /// at once across many refills get distinct ones, and the bytes are not a fixed pattern.
    @Test func randomUUIDsTakenAtOnceFromManyTasksAreDistinct() async {
        let batches = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 { group.addTask { (0..<1000).map { _ in UUID.random() } } }
            return await group.reduce(into: [[UUID]]()) { $0.append($1) }
        }
        let all = batches.flatMap { $0 }
        #expect(all.count == 8000)
        #expect(Set(all).count == 8000)
        // Every byte position outside the version and variant nibbles takes many values.
        for position in [0, 5, 9, 15] {
            let values = Set(all.map { u in withUnsafeBytes(of: u.uuid) { $0[position] } })
            #expect(values.count > 200, "byte \(position): \(values.count) values")
        }
    }

    @Test func malformedTextIsRefused() {
        for bad in ["", "0A1B2C3D4E5F40618A7B9C0D1E2F3A4B", "0A1B2C3D-4E5F-4061-8A7B-9C0D1E2F3A4", "0A1B2C3D-4E5F-4061-8A7B-9C0D1E2F3A4G",
                    "0A1B2C3D-4E5F-4061-8A7B-9C0D1E2F3A4B0", "0A1B2C3D+4E5F-4061-8A7B-9C0D1E2F3A4B"] {
            #expect(UUID(text: bad) == nil, "\(bad)")
            #expect(UUID(uuidString: bad) == nil, "\(bad)")
        }
        // Dashes elsewhere than their four places (Foundation's sscanf-based parser on Linux
        // takes the first of these as all zeros).
        for bad in ["00000000-0000-0000-0000-0000000000-0", "00000000-0000-0000-0000--00000000000"] {
            #expect(UUID(text: bad) == nil, "\(bad)")
        }
    }
}
