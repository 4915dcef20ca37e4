import FixTextCore
import FixTextIO

#if canImport(Glibc)
import Glibc
#endif

/// One input of `fixtext bulk` and where its output goes.
struct BulkInput: Sendable {
    enum Format: String, Sendable {
        case warc, jsonl, text
    }

    var path: String
    /// The output path: OUTDIR, then the input's name (or its path inside a directory
    /// given as input).
    var outputPath: String
    var format: Format
    var size: Int

    /// Standard input to standard output (`--stdin-format`): no file, no counts beside it.
    static func standardStream(_ format: Format) -> BulkInput {
        BulkInput(path: "-", outputPath: "-", format: format, size: 0)
    }

    var isStandardStream: Bool { path == "-" }
}

/// Finds the inputs (files, directories, glob patterns, lists) and names their outputs.
enum BulkInputs {
    /// The format a file name says, whatever gzip suffix it has; nil for other files.
    static func format(of path: String) -> BulkInput.Format? {
        var name = Substring(path.split(separator: "/").last ?? "").lowercased()
        if name.hasSuffix(".gz") { name = String(name.dropLast(3)) }
        if name.hasSuffix(".warc") || name.hasSuffix(".wet") || name.hasSuffix(".arc.warc") { return .warc }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonl }
        if name.hasSuffix(".txt") || name.hasSuffix(".text") { return .text }
        return nil
    }

    static func resolve(_ arguments: [String], inputsFrom: String?, outputDirectory: String) throws -> [BulkInput] {
        var given = arguments
        if let inputsFrom {
            let bytes: [UInt8]
            do {
                bytes = try FileContents.read(inputsFrom, limit: 256 << 20)
            } catch {
                throw IOErrorMessage("cannot read '\(inputsFrom)': \(error)")
            }
            for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let trimmed = line.trimmingCharacters(in: " \t")
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") { given.append(trimmed) }
            }
        }
        var inputs: [BulkInput] = []
        for argument in given {
            if isDirectory(argument) {
                let root = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
                var found: [String] = []
                // The output folder may lie inside an input folder: its files are outputs.
                walk(root, into: &found, skipping: identity(outputDirectory))
                for path in found.sorted() where format(of: path) != nil {
                    let relative = String(path.dropFirst(root.count + 1))
                    inputs.append(try input(path, output: outputDirectory + "/" + relative))
                }
            } else if argument.contains(where: { "*?[".contains($0) }) && !exists(argument) {
                let matches = expand(argument)
                if matches.isEmpty { throw UsageError("no file matches '\(argument)'") }
                for path in matches where !isDirectory(path) {
                    inputs.append(try input(path, output: outputDirectory + "/" + basename(path)))
                }
            } else {
                guard exists(argument) else { throw UsageError("no such input: '\(argument)'") }
                inputs.append(try input(argument, output: outputDirectory + "/" + basename(argument)))
            }
        }
        var seen: [String: String] = [:]
        for input in inputs {
            if let other = seen[input.outputPath] {
                throw UsageError("'\(other)' and '\(input.path)' would both be written to '\(input.outputPath)'; give their folder instead, so that outputs keep their paths inside it")
            }
            seen[input.outputPath] = input.path
            if let a = identity(input.path), let b = identity(input.outputPath), a == b {
                throw UsageError("the output of '\(input.path)' would replace it; choose another output folder")
            }
        }
        return inputs
    }

    private static func input(_ path: String, output: String) throws -> BulkInput {
        guard let format = format(of: path) else {
            throw UsageError("'\(path)': not a known input type; fixtext bulk reads .warc, .wet, .jsonl and .txt files, gzipped or not")
        }
        var info = stat()
        stat(path, &info)
        return BulkInput(path: path, outputPath: output, format: format, size: Int(info.st_size))
    }

    static func basename(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    private static func walk(_ folder: String, into found: inout [String], skipping: [UInt64]?) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            if name.hasPrefix(".") { continue }
            let path = folder + "/" + name
            if isDirectory(path) {
                if let skipping, identity(path) == skipping { continue }
                walk(path, into: &found, skipping: skipping)
            } else {
                found.append(path)
            }
        }
    }

    private static func expand(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { result.gl_pathv[$0].map { String(cString: $0) } }
    }

    /// Creates `path`'s folders.
    static func makeFolders(for path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw IOErrorMessage("cannot create folder '\(prefix)': \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Removes temporary files left beside `output` by runs that were killed (their
    /// process is gone).
    static func removeStaleTemporaries(of output: String) {
        let folder = output.contains("/") ? String(output[..<output.lastIndex(of: "/")!]) : "."
        let prefix = FileOutput.temporaryPrefix(forFileNamed: basename(output))
        let suffix = FileOutput.temporarySuffix
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), let pid = Int32(name.dropFirst(prefix.count).dropLast(suffix.count)) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }
}

struct IOErrorMessage: FixTextError {
    var message: String
    init(_ message: String) { self.message = message }
    var exitStatus: ExitStatus { .ioFailure }
    var description: String { message }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
