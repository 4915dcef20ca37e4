import Synchronization

/// Values built once per key and shared by every thread for the rest of the process: what
/// a transform is made from (lookup tables, a parsed rule file or dictionary) when
/// building it costs more than the work it does. `fixtext bulk` makes fresh transforms
/// for every record, so a `make` that builds such a value each time would build it once
/// per record.
///
/// The key names everything the value is built from: the options that matter, and the
/// paths of the files read. A file is read the first time its key is asked for, and not
/// again in this process: a file that changes during a run is not read again, and the
/// next run reads it afresh.
///
/// The value is built inside the lock, so that workers asking at once for a key not yet
/// built wait for one build instead of each making its own; `build` must therefore not
/// ask the same cache for anything. A build that throws stores nothing: the next caller
/// builds again, and gets the error too.
public final class SharedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    public init() {}

    /// The value for `key`, built by `build` if no value is stored for it yet.
    public func value<E: Error>(for key: Key, build: () throws(E) -> Value) throws(E) -> Value {
        try values.withLock { (values) throws(E) -> Value in
            if let value = values[key] { return value }
            let value = try build()
            values[key] = value
            return value
        }
    }
}
