// bulk-testdata: deterministic test archives for `fixtext bulk`.
//
//   swift run bulk-testdata OUTDIR [--records N] [--seed S]
//
// Writes, from a seeded generator (the same bytes for the same arguments):
//   sample.warc.gz   warcinfo, then per page a request, a text/plain response (some in GBK
//                    with a declared charset), a text/html response, and resource records
//   sample.wet.gz    WET: warcinfo and one conversion record per page, with WARC-Refers-To
//   sample.jsonl.gz  one object per page: {"id":…,"url":…,"text":…,"meta":{…}}
//   sample.txt       one page
//   bad.warc         damaged records between good ones: a malformed header, a binary
//                    payload, an undeclared GBK payload, a wrong Content-Length, and a
//                    last record whose Content-Length runs past the end of the file
//   bad-truncated.warc.gz  a good archive whose last gzip member is cut off
//   bad-middle.warc.gz     six records, the third one's gzip member cut in half
// Pages carry what the default chain and boilerplate repair: no-break spaces, pinyin
// glosses, site menus and copyright lines repeated on every page of a host.

import FixTextICU
import FixTextCore
import FixTextIO
import FixTextWARC

#if canImport(Glibc)
import Glibc
#endif

struct Generator {
    var source: SplitMix64
    init(state: UInt64) { source = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { source.next() }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

let sentences = [
    "本市今年新建保障性住房三千套，已于九月底前全部交付使用。",
    "社區(qū)工作人員逐戶走訪，了解居民的實際困難。",
    "記者從市教育局獲悉，新學期全市中小學將增設課後服務。",
    "气象台预计，未来三天本地以多云天气为主，气温略有回升。",
    "该项目总投资约12亿元，建成后将带动就业两千余人。",
    "農業部門提醒廣大農戶及時做好秋收秋種工作。",
    "图书馆延长开放时间至晚上九点，方便市民阅读。",
    "這座橋梁始建於清代，是當地重要的歷史文物。",
    "专家建议，老年人冬季应注意保暖，适量运动。",
    "今年上半年，全省外贸进出口总额同比增长百分之八。",
]
let tailCharacters = Array("春夏秋冬東南西北山川河海風雨雷電金木水火土日月星辰江湖草花鳥魚蟲龍虎馬牛羊")
let hosts = ["news.example.cn", "www.farm-site.com.cn", "bbs.example.tw", "blog.example.hk"]
let menus = ["首页 | 新闻 | 体育 | 娱乐 | 财经 | 科技", "網站首頁 > 新聞中心 > 本地新聞", "版权所有 © 2024 示例网 保留所有权利"]

func page(_ g: inout Generator, host: String, index: Int) -> String {
    var lines: [String] = []
    lines.append(menus[index % 2 == 0 ? 0 : 1])
    lines.append("第\(index)號新聞：" + g.pick(sentences).prefix(12))
    for _ in 0..<(3 + g.below(8)) {
        // A random tail makes each article line its own, as real articles' lines are.
        var line = g.pick(sentences) + "——" + String((0..<4).map { _ in g.pick(tailCharacters) })
        if g.below(3) == 0 { line = line.replacingFirstComma(with: "，\u{A0}") }
        lines.append(line)
    }
    lines.append(menus[2])
    return lines.joined(separator: "\n") + "\n"
}

extension String {
    func replacingFirstComma(with replacement: String) -> String {
        guard let i = firstIndex(of: "，") else { return self }
        return String(self[..<i]) + replacement + String(self[index(after: i)...])
    }
}

func uuid(_ g: inout Generator) -> String {
    let hex = (0..<2).map { _ in String(g.next(), radix: 16) }.joined().padding(32)
    let h = Array(hex)
    return "<urn:uuid:\(String(h[0..<8]))-\(String(h[8..<12]))-4\(String(h[13..<16]))-a\(String(h[17..<20]))-\(String(h[20..<32]))>"
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? String(prefix(n)) : self + String(repeating: "0", count: n - count) }
}

func date(_ i: Int) -> String {
    let minute = i % 60, hour = (i / 60) % 24
    return "2024-05-01T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00Z"
}

func warcinfo(_ name: String) -> WARCRecord {
    WARCRecord(fields: [
        .init("WARC-Type", "warcinfo"), .init("WARC-Date", "2024-05-01T00:00:00Z"), .init("WARC-Filename", name),
        .init("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-000000000000>"), .init("Content-Type", "application/warc-fields"),
    ], block: Array("software: bulk-testdata\r\nformat: WARC File Format 1.0\r\n".utf8))
}

func http(_ contentType: String, _ body: [UInt8]) -> [UInt8] {
    Array("HTTP/1.1 200 OK\r\nContent-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nServer: test\r\n\r\n".utf8) + body
}

func write(_ path: String, _ bytes: [UInt8]) {
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
}

func records(_ records: [WARCRecord], gzip: Bool) throws -> [UInt8] {
    let writer = try WARCWriter(gzip: gzip)
    var out: [UInt8] = []
    for record in records { try writer.append(record, to: &out) }
    return out
}

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let value = Int(arguments[i + 1]) else { return fallback }
    arguments.removeSubrange(i...(i + 1))
    return value
}
let count = option("--records", 200)
let seed = option("--seed", 1)
let usage = "usage: bulk-testdata OUTDIR [--records N] [--seed S]"
if arguments.contains("-h") || arguments.contains("--help") {
    print(usage)
    exit(0)
}
guard arguments.count == 1, let outdir = arguments.first, !outdir.hasPrefix("-") else {
    print(usage)
    exit(2)
}
mkdir(outdir, 0o755)

var g = Generator(state: UInt64(seed))
let gbk = try EncodingConverter(name: "gbk")
var warc: [WARCRecord] = [warcinfo("sample.warc.gz")]
var wet: [WARCRecord] = [warcinfo("sample.wet.gz")]
var jsonl: [UInt8] = []
for i in 0..<count {
    let host = hosts[i % hosts.count]
    let url = "http://\(host)/article/\(i).html"
    let text = page(&g, host: host, index: i)
    let responseID = uuid(&g)
    let base: [WARCRecord.Field] = [.init("WARC-Target-URI", url), .init("WARC-Date", date(i))]
    warc.append(WARCRecord(fields: [.init("WARC-Type", "request")] + base + [.init("WARC-Record-ID", uuid(&g)), .init("Content-Type", "application/http; msgtype=request")],
                           block: Array("GET /article/\(i).html HTTP/1.1\r\nHost: \(host)\r\n\r\n".utf8)))
    let body: [UInt8]
    let contentType: String
    if i % 5 == 3 {
        // GBK has no no-break space: those become '?', as a real GBK page would have it.
        var encoded: [UInt8] = []
        try Array(text.utf8).withUnsafeBufferPointer { try gbk.encode(utf8: $0, into: &encoded) { _ in } }
        body = encoded
        contentType = "text/plain; charset=GBK"
    } else {
        body = Array(text.utf8)
        contentType = "text/plain; charset=utf-8"
    }
    warc.append(WARCRecord(fields: [.init("WARC-Type", "response")] + base + [.init("WARC-Record-ID", responseID), .init("Content-Type", "application/http; msgtype=response"), .init("WARC-Payload-Digest", Base32.warcDigest(body))],
                           block: http(contentType, body)))
    if i % 4 == 1 {
        warc.append(WARCRecord(fields: [.init("WARC-Type", "response")] + base + [.init("WARC-Record-ID", uuid(&g)), .init("Content-Type", "application/http; msgtype=response")],
                               block: http("text/html; charset=utf-8", Array("<html><body><p>\(text)</p></body></html>".utf8))))
    }
    if i % 7 == 2 {
        warc.append(WARCRecord(fields: [.init("WARC-Type", "resource")] + base + [.init("WARC-Record-ID", uuid(&g)), .init("Content-Type", "text/plain")],
                               block: Array(text.utf8)))
    }
    wet.append(WARCRecord(fields: [.init("WARC-Type", "conversion")] + base + [.init("WARC-Record-ID", uuid(&g)), .init("WARC-Refers-To", responseID), .init("Content-Type", "text/plain")],
                          block: Array(text.utf8)))
    var line: [UInt8] = Array("{\"id\":\(i),\"url\":\"\(url)\",\"text\":".utf8)
    Array(text.utf8).withUnsafeBufferPointer { JSONLField.encodeString($0, into: &line) }
    line += Array(",\"meta\":{\"host\":\"\(host)\",\"score\":0.\(g.below(1000))}}\n".utf8)
    jsonl += line
}
write(outdir + "/sample.warc.gz", try records(warc, gzip: true))
write(outdir + "/sample.wet.gz", try records(wet, gzip: true))
let jsonlCompressor = try GzipCompressor()
var jsonlGz: [UInt8] = []
try jsonl.withUnsafeBufferPointer { try jsonlCompressor.compress($0, into: &jsonlGz) }
try jsonlCompressor.finishMember(into: &jsonlGz)
write(outdir + "/sample.jsonl.gz", jsonlGz)
write(outdir + "/sample.txt", Array(page(&g, host: hosts[0], index: 0).utf8))

// bad.warc: good, malformed header, good, binary, undeclared GBK, wrong length, cut off.
var bad: [UInt8] = []
func conversion(_ i: Int, _ block: [UInt8]) -> WARCRecord {
    WARCRecord(fields: [.init("WARC-Type", "conversion"), .init("WARC-Target-URI", "http://bad.example.cn/\(i)"), .init("WARC-Date", date(i)),
                        .init("WARC-Record-ID", "<urn:uuid:00000000-0000-4000-8000-00000000000\(i)>"), .init("Content-Type", "text/plain")], block: block)
}
bad += WARCWriter.serialize(conversion(1, Array("好的第一條\u{A0}記錄\n".utf8)))
bad += Array("WRAC/1.0\r\nWARC-Type conversion\r\nContent-Length: x\r\n\r\nbroken header\r\n\r\n".utf8)
bad += WARCWriter.serialize(conversion(2, Array("好的第二條記錄\n".utf8)))
bad += WARCWriter.serialize(conversion(3, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]))
bad += WARCWriter.serialize(conversion(4, Array("未申明編碼的記錄\n".utf8).withUnsafeBufferPointer { gbk.encode(utf8: $0)! }))
var wrong = String(decoding: WARCWriter.serialize(conversion(5, Array("長度錯了的\u{A0}記錄\n".utf8))), as: UTF8.self)
wrong = wrong.replacingFirst("Content-Length: ", with: "Content-Length: 1")
bad += Array(wrong.utf8)
bad += WARCWriter.serialize(conversion(6, Array("好的第六條記錄\n".utf8)))
let last = WARCWriter.serialize(conversion(7, Array(String(repeating: "被截斷的記錄", count: 20).utf8)))
bad += last[..<(last.count - 100)]
write(outdir + "/bad.warc", bad)

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + String(self[range.upperBound...])
    }

    func range(of target: String) -> Range<Index>? {
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) { return i..<index(i, offsetBy: target.count) }
            i = index(after: i)
        }
        return nil
    }
}

// bad-truncated.warc.gz: the good WET records, the last member cut in half.
let good = try records(Array(wet.prefix(6)), gzip: true)
let lastMember = try records([wet[6]], gzip: true)
write(outdir + "/bad-truncated.warc.gz", good + lastMember[..<(lastMember.count / 2)])
// bad-middle.warc.gz: six WET records, the third member cut in half (as when damaged
// files are concatenated): reading resumes at the fourth.
var middle: [UInt8] = []
for k in 0..<6 {
    let member = try records([wet[k + 1]], gzip: true)
    middle += k == 2 ? Array(member[..<(member.count / 2)]) : member
}
write(outdir + "/bad-middle.warc.gz", middle)
print("wrote \(count) pages to \(outdir)")
