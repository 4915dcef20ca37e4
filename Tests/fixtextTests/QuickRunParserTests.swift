import ArgumentParser
import Testing

@testable import fixtext

@Suite("the run command line read without ArgumentParser")
struct QuickRunParserTests {
    @Test("lines it reads give the run ArgumentParser gives")
    func sameAsArgumentParser() throws {
        let scratch = try Scratch()
        let page = try scratch.write("page.txt", Array("頁\n".utf8))
        let lines: [[String]] = [
            [],
            [page],
            ["-c", "identity", page],
            ["--plugin", "identity.so", "-c", "identity", page],
            ["--plugin", "a.so", "--plugin", "b.rules", "--chain", "normalize(form=nfkc, width)", page, "b.txt"],
            [page, "-c", "t2s", "b.txt", "--strict"],
            ["--strict", "--from", "gbk", page],
            ["-o", scratch.path + "/out.txt", page],
            ["--output", scratch.path + "/out.txt", "--chain", "@chain.json"],
            ["", "a b.txt", "c=d.txt"],
            ["-c", "", page],
            ["--jobs", "3", "-c", "mojibake", page],
        ]
        for line in lines {
            let quick = try #require(QuickRunParser.parse(line), "\(line)")
            let parsed = try #require(try FixTextCommand.parseAsRoot(line) as? RunCommand, "\(line)")
            #expect(quick == parsed.request, "\(line)")
        }
    }

    @Test("every other line is left to ArgumentParser")
    func othersLeft() throws {
        let scratch = try Scratch()
        let page = try scratch.write("page.txt", Array("頁\n".utf8))
        let lines: [[String]] = [
            ["--help"], ["-h"], ["--version"], ["help"], ["list"], ["list", "normalize"], ["run", page],
            ["explain", page], ["bulk", "-o", "out", page], [page, "list"], ["-c", "list", page],
            ["--chain=identity", page], ["-cidentity", page], ["-"], [page, "-"], ["--", page],
            ["-c", "a", "-c", "b", page], ["--from", "gbk", "--from", "big5", page], ["--strict", "--strict"],
            ["-o", "a.txt", "-o", "b.txt"], ["-c"], ["--plugin"], ["-c", "-o", "x"], ["--plugin", "-x"],
            ["--unknown", page], ["-x"], ["--jobs", "0", page], ["--jobs", "x", page], ["--jobs", "2", "--jobs", "2"], ["--generate-completion-script", "bash"],
            // Lines whose validation fails, so that ArgumentParser says why.
            ["--from", "no-such-encoding", page], ["-o", page, page],
        ]
        for line in lines {
            #expect(QuickRunParser.parse(line) == nil, "\(line)")
        }
    }
}
