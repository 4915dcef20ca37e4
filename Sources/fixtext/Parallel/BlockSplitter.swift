import FixTextCore

/// A run of whole lines of the decoded stream, cleaned on its own by a fresh chain.
struct Block: Sendable {
    /// One chunk the decoder delivered, or the part of it in this block.
    struct Piece: Sendable {
        /// Where the piece ends in ``Block/bytes``; it starts where the one before ends.
        var end: Int
        /// What the decoder reported just before it delivered the chunk (undecodable bytes,
        /// at offsets in the input file). A serial run reports them before the chain sees
        /// the chunk, so the merger does too.
        var decoderDiagnostics: [Diagnostic]
    }

    var bytes: [UInt8]
    var pieces: [Piece]
}

/// Cuts the decoded stream into blocks at line ends, as the decoder delivers it.
///
/// A block is cut once at least ``blockBytes`` are buffered, after the last "\n" in the
/// buffer, so blocks are about `blockBytes` long and always end with a whole line; the
/// rest stays for the next one. Each block remembers the chunks it came in, so that its
/// chain is fed the same chunks as a serial run's and its diagnostics can be put in the
/// same order (see ``BlockMerger``).
///
/// A line longer than ``maxBlockBytes`` would have to be held whole; instead the splitter
/// says so (``isOverlong``), and the run goes on serially from there with bounded memory.
struct BlockSplitter {
    let blockBytes: Int
    let maxBlockBytes: Int
    private var bytes: [UInt8] = []
    private var pieces: [Block.Piece] = []
    private var decoderDiagnostics: [Diagnostic] = []
    /// The buffer holds no "\n" before this index.
    private var searchedUpTo = 0

    init(blockBytes: Int, maxBlockBytes: Int) {
        self.blockBytes = blockBytes
        self.maxBlockBytes = max(maxBlockBytes, blockBytes)
    }

    /// The decoder found undecodable bytes: reported with the chunk it delivers next.
    mutating func note(_ diagnostic: Diagnostic) {
        decoderDiagnostics.append(diagnostic)
    }

    /// Takes the diagnostics noted and not yet attached to a chunk.
    mutating func takeDiagnostics() -> [Diagnostic] {
        defer { decoderDiagnostics = [] }
        return decoderDiagnostics
    }

    mutating func add(_ chunk: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: chunk)
        pieces.append(Block.Piece(end: bytes.count, decoderDiagnostics: takeDiagnostics()))
    }

    /// The buffer holds a line longer than ``maxBlockBytes``, and no block can be cut.
    var isOverlong: Bool { bytes.count > maxBlockBytes }

    /// The next block, when enough whole lines are buffered.
    mutating func nextBlock() -> Block? {
        guard bytes.count >= blockBytes else { return nil }
        var i = bytes.count
        while i > searchedUpTo {
            i -= 1
            if bytes[i] == UInt8(ascii: "\n") { return cut(at: i + 1) }
        }
        searchedUpTo = bytes.count
        return nil
    }

    /// Everything buffered, lines whole or not, with what the decoder reported after it.
    mutating func takeRest() -> Block {
        if !decoderDiagnostics.isEmpty {
            pieces.append(Block.Piece(end: bytes.count, decoderDiagnostics: takeDiagnostics()))
        }
        return cut(at: bytes.count)
    }

    private mutating func cut(at end: Int) -> Block {
        var blockPieces: [Block.Piece] = []
        var rest: [Block.Piece] = []
        var start = 0
        for piece in pieces {
            if piece.end <= end {
                blockPieces.append(piece)
            } else if start < end {
                // A chunk cut in two: its first part carries what was reported before it.
                blockPieces.append(Block.Piece(end: end, decoderDiagnostics: piece.decoderDiagnostics))
                rest.append(Block.Piece(end: piece.end - end, decoderDiagnostics: []))
            } else {
                rest.append(Block.Piece(end: piece.end - end, decoderDiagnostics: piece.decoderDiagnostics))
            }
            start = piece.end
        }
        // The buffer becomes the block; only the rest, less than a chunk, is copied.
        var taken: [UInt8] = []
        swap(&taken, &bytes)
        bytes.append(contentsOf: taken[end...])
        taken.removeSubrange(end...)
        let block = Block(bytes: taken, pieces: blockPieces)
        pieces = rest
        searchedUpTo = 0
        return block
    }
}
