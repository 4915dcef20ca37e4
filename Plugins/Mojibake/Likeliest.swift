/// The cheapest of the candidates for a lost character, and how far ahead of the next it
/// is: a guess is taken only when the best is cheaper than every other by a margin.
struct Likeliest<Candidate> {
    private(set) var best: (candidate: Candidate, cost: Int)?
    private(set) var runnerUp = Int.max

    mutating func weigh(_ candidate: Candidate, cost: Int) {
        if cost < best?.cost ?? .max {
            runnerUp = best?.cost ?? .max
            best = (candidate, cost)
        } else {
            runnerUp = min(runnerUp, cost)
        }
    }

    /// The best candidate, if it is cheaper than every other by at least `margin`.
    func clear(by margin: Int) -> Candidate? {
        guard let best, best.cost + margin <= runnerUp else { return nil }
        return best.candidate
    }
}
