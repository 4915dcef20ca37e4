import Foundation
import FixTextTestSupport

/// Runs a binary built by this package, as a user would.
struct BinaryRunner {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The folder that holds the built products (next to the test bundle).
    static let productsDirectory: URL = {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("fixtext").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return executable.deletingLastPathComponent()
    }()

    static func run(_ arguments: [String], binary name: String = "fixtext", stdin: [UInt8] = [], environment: [String: String] = [:], directory: String? = nil) throws -> Result {
        try run(arguments, binary: name, stdinPieces: [stdin], environment: environment, directory: directory)
    }

    /// Runs the binary with standard input written in `stdinPieces`, half a second apart,
    /// so that a pipe delivers them in separate reads.
    static func run(_ arguments: [String], binary name: String = "fixtext", stdinPieces: [[UInt8]], environment: [String: String] = [:], directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent(name)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        _ = ignoringBrokenPipes
        try process.run()
        let writer = Thread {
            // A binary that ends before it has read all its input (a usage error, a file
            // given instead) closes the pipe: what is left unwritten is no test's business.
            for (k, piece) in stdinPieces.enumerated() {
                if k > 0 { Thread.sleep(forTimeInterval: 0.5) }
                guard (try? input.fileHandleForWriting.write(contentsOf: Data(piece))) != nil else { break }
            }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let stderrData = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrData.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let stdoutData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: Array(stdoutData), stderr: String(decoding: stderrData.data, as: UTF8.self))
    }

    /// Writing to a pipe whose reader has gone raises SIGPIPE, which would end the whole
    /// test run (it did, once in seven CI runs: "unexpected signal code 13"); ignored, the
    /// write fails instead. Set once, before the first binary runs.
    private static let ignoringBrokenPipes: Void = {
        _ = signal(SIGPIPE, SIG_IGN)
    }()

    /// Bytes read on another thread, handed over after `DispatchGroup.wait`.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }
}

/// A temporary folder for files the tests write.
final class Scratch {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fixtext-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url.appendingPathComponent(name)))
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
