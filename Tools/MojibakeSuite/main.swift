print("mojibake-suite: not yet")
