import Foundation
import FixTextTestSupport
import Testing

/// Files of a megabyte or more are read through a memory map; standard input through
/// `read`. The two give the same output, and a file that shrinks under the map ends the
/// run with a message, not a crash.
@Suite("mapped input (end to end)", .serialized)
struct MappedInputTests {
    static let window = 1 << 24

    @Test("a large file is repaired as the same bytes from standard input are")
    func mappedFileMatchesStandardInput() throws {
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        var text: [UInt8] = []
        var copy = 0
        while text.count < 3 << 20 {
            text += page
            // Invalid bytes now and then, so that the reports are compared too.
            if copy % 7 == 0 { text += [0xE4, 0xB8, 0x0A] }
            copy += 1
        }
        let scratch = try Scratch()
        let path = try scratch.write("large.txt", text)
        let fromFile = try BinaryRunner.run(["-c", "normalize,strip-pinyin", path])
        let fromStdin = try BinaryRunner.run(["-c", "normalize,strip-pinyin"], stdin: text)
        #expect(fromFile.status == fromStdin.status)
        #expect(fromFile.stdout == fromStdin.stdout)
        #expect(fromFile.stdout.count > 2_500_000)
        let warnings = { (stderr: String) in stderr.split(separator: "\n").filter { $0.contains("warning") }.map { $0.replacing("\(path): ", with: "") } }
        #expect(!warnings(fromFile.stderr).isEmpty)
        #expect(warnings(fromFile.stderr) == warnings(fromStdin.stderr))
    }

    @Test("a character cut by the boundary between two windows of the map passes whole")
    func characterAcrossWindows() throws {
        let scratch = try Scratch()
        let plugin = try PluginBuilds.compileC(
            TestData.repositoryRoot + "/Plugins/Examples/CPlugin/identity.c", into: scratch, name: "identity.so")
        // "中" (three bytes) begins one byte before the second window.
        var text = [UInt8](repeating: UInt8(ascii: "a"), count: Self.window - 1)
        for _ in 0..<100_000 { text += Array("中".utf8) }
        text += Array("\n".utf8)
        let path = try scratch.write("windows.txt", text)
        let result = try BinaryRunner.run(["--plugin", plugin, "-c", "identity", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == text)
    }

    @Test("a file that shrinks while it is read ends the run with a message and the I/O failure status")
    func fileShrinksWhileMapped() throws {
        let scratch = try Scratch()
        let plugin = try PluginBuilds.compileC(
            TestData.repositoryRoot + "/Plugins/Examples/CPlugin/identity.c", into: scratch, name: "identity.so")
        // Made in one piece: joining 20 MB of lines takes seconds in a debug build.
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20)
        let path = try scratch.write("shrinking.txt", text)
        let process = Process()
        process.executableURL = BinaryRunner.productsDirectory.appendingPathComponent("fixtext")
        process.arguments = ["--plugin", plugin, "-c", "identity", path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The first output means the file is mapped; the full pipe then holds fixtext in a
        // write, a few chunks in, while the file is cut short.
        let first = output.fileHandleForReading.readData(ofLength: 4096)
        #expect(!first.isEmpty)
        #expect(truncate(path, 1000) == 0)
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(message == "fixtext: cannot read '\(path)': the file shrank while it was being read\n")
        #expect(first.count + rest.count < text.count)
    }
}
