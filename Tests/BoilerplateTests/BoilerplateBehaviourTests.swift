import FixTextCore
import FixTextTestSupport
import Testing

@Suite("boilerplate behaviour")
struct BoilerplateBehaviourTests {
    let article = "第一段正文讲述了事情的起因，记者在现场看到，居民们正在排队登记。\n\n第二段正文继续讲述，有关部门表示将尽快解决问题，并公布了时间表。\n"

    @Test("empty input, a page of only blank lines, and a page without furniture pass through")
    func passThrough() throws {
        #expect(try cleaned("").0 == "")
        #expect(try cleaned("\n\n \n").0 == "\n\n \n")
        let (text, result) = try cleaned("标题\n\n" + article)
        #expect(text == "标题\n\n" + article)
        #expect(result.changes.isEmpty)
    }

    @Test("a removed line takes its blank lines along; at the end, the blank lines before it too")
    func blankLines() throws {
        let page = "当前位置：首页 > 新闻\n\n标题\n\n" + article + "\n关键词：社区 治理\n\n相关新闻\n某地举行活动"
        let (text, _) = try cleaned(page)
        #expect(text == "标题\n\n" + article)
    }

    @Test("a marker followed by more article is not a tail: only the marker line goes")
    func markerMidArticle() throws {
        let page = "标题\n" + article + "相关阅读：另一篇文章的标题\n" + article
        let (text, result) = try cleaned(page)
        #expect(text == "标题\n" + article + article)
        #expect(result.changes.count == 1)
        #expect(result.changes[0].reason.contains("tail marker"))
    }

    @Test("a tail marker far from the end does not start a tail block")
    func markerFarFromEnd() throws {
        let longList = (1...200).map { "第\($0)条相关新闻的标题在这里" }.joined(separator: "\n")
        let page = "标题\n" + article + "相关新闻\n" + longList + "\n"
        let (text, _) = try cleaned(page)
        #expect(text.contains("第1条相关新闻的标题在这里"))
    }

    @Test("CRLF lines are classified the same")
    func crlf() throws {
        let page = "您的位置：首页 > 要闻\r\n标题\r\n" + article.replacingOccurrences(of: "\n", with: "\r\n") + "责任编辑：张三\r\n"
        let (text, _) = try cleaned(page)
        #expect(text == "标题\r\n" + article.replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("a line with bytes that are not UTF-8 is never removed")
    func invalidBytes() throws {
        var page = Array("标题\n".utf8) + Array(article.utf8)
        page += Array("责任编辑：".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let result = try ChunkedRun.expectChunkIndependent(boilerplate(), on: page)
        #expect(result.output == page)
    }

    @Test("a page over max-bytes passes through unchanged, with a note")
    func oversize() throws {
        let furniture = "当前位置：首页 > 新闻\n"
        let body = String(repeating: article, count: 200)
        let page = furniture + "标题\n" + body
        let result = try ChunkedRun.expectChunkIndependent(boilerplate("boilerplate(max-bytes=4096)"), on: page, randomRuns: 2)
        #expect(result.output == Array(page.utf8))
        #expect(result.diagnostics.contains { $0.source == "boilerplate" && $0.message.contains("passed through") })
        let whole = try ChunkedRun.run(boilerplate(), on: Array(page.utf8), chunking: .whole)
        #expect(!String(decoding: whole.output, as: UTF8.self).contains("当前位置"))
    }

    @Test("SEO spam needs several spam words joined as keywords, never a sentence")
    func seo() throws {
        let spam = "免费观看_无码中文字幕_人妻少妇在线观看_百家乐注册送彩金\n"
        let (text, _) = try cleaned(spam + "标题\n" + article)
        #expect(text == "标题\n" + article)
        let news = "警方通报：某团伙以“百家乐”“时时彩”为名开设网络赌场，已被依法查处。\n"
        let (kept, _) = try cleaned("标题\n" + news + article)
        #expect(kept == "标题\n" + news + article)
    }

    @Test("headline prefixes go, headlines stay; a prefix without a separator is a word of the headline")
    func headlinePrefix() throws {
        let (text, result) = try cleaned("全球今亮点！天气转凉 老人注意保暖\n" + article)
        #expect(text == "天气转凉 老人注意保暖\n" + article)
        #expect(result.changes.first?.reason.contains("headline prefix '全球今亮点！'") == true)
        let (kept, _) = try cleaned("快讯网站上线新功能\n" + article)
        #expect(kept == "快讯网站上线新功能\n" + article)
    }

    @Test("lists inside the article stay; the same lines above it are a menu")
    func menus() throws {
        let list = "一、新闻\n二、体育\n三、财经\n"
        let inside = "标题\n" + article + list + article
        #expect(try cleaned(inside).0 == inside)
        let (above, _) = try cleaned("首页\n新闻\n体育\n财经\n标题\n" + article)
        #expect(above == "标题\n" + article)
    }

    @Test("a site's statement at the end starts a tail; an article about copyright keeps its last paragraph")
    func statements() throws {
        let statement = "本网站之文字、图片及影音，非经授权，不得转载、公开播送或公开传输及利用。\n"
        let (text, result) = try cleaned("标题\n" + article + "更多精彩\n" + statement)
        #expect(text == "标题\n" + article)
        #expect(result.changes.last?.reason.contains("tail block") == true)
        let (alone, _) = try cleaned("标题\n" + article + "某网站报道\n" + statement)
        #expect(alone == "标题\n" + article + "某网站报道\n")
        let ruling = "法院认为，被告未经授权转载原告作品，构成侵权，应当承担停止侵权、赔偿损失的法律责任。\n"
        let page = "标题\n" + article + ruling
        #expect(try cleaned(page).0 == page)
    }

    @Test("above the article, a date and time with a site name goes; a headline with a date stays")
    func dateLines() throws {
        let (text, _) = try cleaned("2024-11-12 07:00  中国天气网\n标题\n" + article)
        #expect(text == "标题\n" + article)
        let headline = "2024年9月1日起施行\n"
        #expect(try cleaned(headline + article).0 == headline + article)
    }

    @Test("a notice's time and place are its text, not metadata")
    func noticeFields() throws {
        let notice = "关于召开居民议事会的通知\n\n各位居民：\n\n为听取大家对小区改造的意见，现召开居民议事会，有关事项通知如下。\n\n时间：2024年5月20日 19:00\n地点：社区活动中心二楼\n\n请各位居民准时参加。\n"
        #expect(try cleaned(notice).0 == notice)
    }

    @Test("a breadcrumb needs > or » between its items; a headline with a slash stays")
    func breadcrumbs() throws {
        let (text, _) = try cleaned("网站首页 » 体育 » 正文\n标题\n" + article)
        #expect(text == "标题\n" + article)
        let headline = "2023/24赛季体育新闻回顾\n"
        #expect(try cleaned(headline + article).0 == headline + article)
    }
}
