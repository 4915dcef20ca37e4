#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment variables, one at a time: `getenv`, where Foundation's
/// `ProcessInfo.environment` copies the whole environment into a dictionary first (a
/// tenth of fixtext's start-up instructions, for the two variables it reads).
public enum Environment {
    /// The value of the variable `name`, or nil when it is not set.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
