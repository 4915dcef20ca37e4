import FixTextCore

/// A plugin that cannot be loaded, or that failed while it ran.
public struct PluginError: FixTextError, Equatable {
    /// The plugin file.
    public var path: String
    public var message: String
    /// Loading errors are usage errors (exit 2); a plugin failing in the middle of a run
    /// is a failure of the run (exit 1).
    public var exitStatus: ExitStatus

    public init(_ path: String, _ message: String, exitStatus: ExitStatus = .usage) {
        self.path = path
        self.message = message
        self.exitStatus = exitStatus
    }

    public var description: String { "plugin '\(path)': \(message)" }
}
