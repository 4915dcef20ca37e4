/// A chain that cannot be run, with the place it went wrong.
public struct ChainError: FixTextError, Equatable {
    public var message: String
    public var location: ChainLocation?

    public init(_ message: String, at location: ChainLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        guard let location else { return message }
        // "unknown transform 'mojibak' at column 1; did you mean 'mojibake'?": the place
        // goes after the first clause, where the reader's eye is.
        if let split = message.firstIndex(of: ";") {
            return "\(message[..<split]) at \(location)\(message[split...])"
        }
        return "\(message) at \(location)"
    }
}
