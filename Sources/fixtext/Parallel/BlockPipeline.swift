import Dispatch
import FixTextCore
import Synchronization

/// Cleans blocks on `jobs` worker threads and hands them back in input order.
///
/// The thread that reads and writes submits blocks as the splitter cuts them; at most
/// 2 × jobs blocks are in flight (being cleaned, or done and waiting for the ones before
/// them to be written), so memory stays bounded while the workers always have the next
/// block ready. The workers start with the second block: an input of one block is cleaned
/// on the calling thread, without starting any.
final class BlockPipeline {
    private let jobs: Int
    private let chain: Chain
    private let merge: (Block, BlockResult) throws -> Void
    private let queue: WorkQueue
    /// The first block, kept back until a second shows that threads are worth starting.
    private var first: Block?
    private var started = false
    private var inFlight: [BlockJob] = []
    private var inFlightStart = 0

    /// - Parameter merge: takes each block's result, in input order, on the calling thread.
    init(jobs: Int, chain: Chain, merge: @escaping (Block, BlockResult) throws -> Void) {
        self.jobs = jobs
        self.chain = chain
        self.merge = merge
        queue = WorkQueue()
    }

    deinit {
        queue.close(workers: started ? jobs : 0)
    }

    /// Whether a block was submitted.
    var hasBlocks: Bool { started || first != nil }

    func submit(_ block: Block) throws {
        guard started || first != nil else {
            first = block
            return
        }
        if !started { start() }
        try enqueue(block)
    }

    /// Waits for every block submitted and merges them. Blocks of a short input (only one
    /// block) are cleaned here, on the calling thread.
    func drain() throws {
        if let block = first {
            first = nil
            try merge(block, try BlockResult.run(block, chain: chain))
        }
        while inFlightStart < inFlight.count { try mergeOldest() }
        inFlight = []
        inFlightStart = 0
    }

    private func start() {
        started = true
        let queue = self.queue
        let chain = self.chain
        for _ in 0..<jobs {
            DispatchQueue.global().async {
                while let job = queue.next() {
                    job.result = Result { try BlockResult.run(job.block, chain: chain) }
                    job.done.signal()
                }
            }
        }
        if let block = first {
            first = nil
            let job = BlockJob(block)
            inFlight.append(job)
            queue.add(job)
        }
    }

    private func enqueue(_ block: Block) throws {
        // Write what is done, in order, without waiting; wait only when the limit is reached.
        while inFlightStart < inFlight.count, inFlight[inFlightStart].done.wait(timeout: .now()) == .success {
            try mergeOldest(alreadyDone: true)
        }
        while inFlight.count - inFlightStart >= 2 * jobs { try mergeOldest() }
        if inFlightStart > 64 {
            inFlight.removeFirst(inFlightStart)
            inFlightStart = 0
        }
        let job = BlockJob(block)
        inFlight.append(job)
        queue.add(job)
    }

    private func mergeOldest(alreadyDone: Bool = false) throws {
        let job = inFlight[inFlightStart]
        if !alreadyDone { job.done.wait() }
        inFlightStart += 1
        let result = try job.result!.get()
        job.result = nil
        try merge(job.block, result)
    }
}

/// A block on its way through a worker. `result` is written by the worker before it
/// signals `done`, and read by the merging thread after waiting for it.
final class BlockJob: @unchecked Sendable {
    let block: Block
    var result: Result<BlockResult, any Error>?
    let done = DispatchSemaphore(value: 0)

    init(_ block: Block) {
        self.block = block
    }
}

/// The blocks waiting for a worker, first in first out.
final class WorkQueue: Sendable {
    private let state = Mutex<(jobs: [BlockJob], next: Int, closed: Bool)>(([], 0, false))
    private let available = DispatchSemaphore(value: 0)

    func add(_ job: BlockJob) {
        state.withLock { $0.jobs.append(job) }
        available.signal()
    }

    /// The next block to clean, waiting for one; nil once the queue is closed.
    func next() -> BlockJob? {
        available.wait()
        return state.withLock { state in
            guard !state.closed, state.next < state.jobs.count else { return nil }
            let job = state.jobs[state.next]
            state.next += 1
            if state.next > 64 {
                state.jobs.removeFirst(state.next)
                state.next = 0
            }
            return job
        }
    }

    /// Ends the workers: each returns after the block it is cleaning, if any.
    func close(workers: Int) {
        state.withLock { $0.closed = true }
        for _ in 0..<workers { available.signal() }
    }
}
