/// Chinese sample text for the tests: ordinary sentences of the kind found on the web.
enum TestText {
    static let simplified = """
        中华人民共和国位于东亚，首都是北京。汉字是世界上最古老的文字之一，已有数千年的历史。\
        今天天气很好，我们一起去公园散步吧。这个网站的文字出现了乱码，需要修复以后才能正常阅读。\
        用户在论坛上发帖询问，为什么下载的网页打开后全是看不懂的符号。
        """

    static let traditional = """
        繁體中文是台灣、香港和澳門使用的書寫系統。我們今天一起去圖書館讀書，然後在附近的餐廳吃晚飯。\
        這個網頁的文字出現了亂碼，需要修復以後才能正常閱讀。許多舊網站仍然使用大五碼編碼。
        """

    static func utf8(_ string: String) -> [UInt8] { Array(string.utf8) }

    static func string(_ utf8: [UInt8]) -> String { String(decoding: utf8, as: UTF8.self) }
}
