import FixTextBoilerplate
import FixTextCore
import FixTextTestSupport
import Testing

/// A chain of `spec` made from the boilerplate plugin alone.
func boilerplate(_ spec: String = "boilerplate") throws -> () throws -> [NamedTransform] {
    try TestData.chain(spec, plugins: [BoilerplatePlugin.self])
}

/// Runs `spec` over `text` whole, byte by byte and in random chunks, expecting the same.
func cleaned(_ text: String, _ spec: String = "boilerplate") throws -> (String, ChunkedRun.Result) {
    let result = try ChunkedRun.expectChunkIndependent(boilerplate(spec), on: text, randomRuns: 2)
    return (String(decoding: result.output, as: UTF8.self), result)
}
