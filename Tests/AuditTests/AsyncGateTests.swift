import Audit
import Testing

/// The gate SQLite writers and ingest batches queue in.
@Suite struct AsyncGateTests {
    actor Inside {
        var now = 0
        var most = 0
        func enter() { now += 1; most = max(most, now) }
        func leave() { now -= 1 }
    }

    struct Refused: Error {}

    @Test func neverMoreInsideThanItsCapacity() async throws {
        let gate = AsyncGate(capacity: 2), inside = Inside()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await gate.around {
                        await inside.enter()
                        try await Task.sleep(for: .milliseconds(3))
                        await inside.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await inside.most == 2)
        #expect(await inside.now == 0)
        #expect(await gate.held > .zero)
    }

    @Test func aFailureInsideFreesItsPlace() async throws {
        let gate = AsyncGate(capacity: 1)
        await #expect(throws: Refused.self) { try await gate.around { throw Refused() } }
        // With the place not freed this would wait for ever.
        let value = try await gate.around { 7 }
        #expect(value == 7)
    }
}
