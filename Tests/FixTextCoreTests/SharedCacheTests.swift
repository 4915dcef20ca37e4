import FixTextCore
import Synchronization
import Testing

@Suite("SharedCache")
struct SharedCacheTests {
    struct Failure: Error, Equatable {}

    final class Counter: Sendable {
        let count = Mutex(0)
    }

    @Test("a key is built once, and each key has its own value")
    func buildsOncePerKey() {
        let cache = SharedCache<String, Int>()
        var builds = 0
        #expect(cache.value(for: "a") { builds += 1; return 1 } == 1)
        #expect(cache.value(for: "a") { builds += 1; return 2 } == 1)
        #expect(cache.value(for: "b") { builds += 1; return 3 } == 3)
        #expect(builds == 2)
    }

    @Test("a build that throws stores nothing: the next caller builds again")
    func failuresAreNotStored() throws {
        let cache = SharedCache<String, Int>()
        #expect(throws: Failure()) { try cache.value(for: "a") { () throws(Failure) -> Int in throw Failure() } }
        #expect(cache.value(for: "a") { 7 } == 7)
    }

    @Test("threads asking at once for a new key wait for one build")
    func concurrentCallersShareOneBuild() async {
        let cache = SharedCache<String, Int>()
        let builds = Counter()
        let values = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    cache.value(for: "key") {
                        builds.count.withLock { $0 += 1 }
                        return 42
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 42, count: 8))
        #expect(builds.count.withLock { $0 } == 1)
    }
}
