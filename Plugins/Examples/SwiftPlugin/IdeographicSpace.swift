// An example fixtext plugin written in Swift: `ideographic-space` turns the ideographic
// space U+3000 (full-width space, common in Chinese web text) into ASCII spaces.
//
// It implements the C ABI of fixtext_plugin.h and imports nothing of fixtext but that
// header: no Swift type crosses the boundary, so the plugin keeps working with any fixtext
// that speaks the same ABI version. Build it as a dynamic library product (see
// Package.swift and PLUGINS.md) and load it with `fixtext --plugin PATH.so`.
import CFixTextPlugin

#if canImport(Glibc)
import Glibc
#endif

/// One run's state: the option, and the buffers the last output lives in until the next
/// call (so release() has nothing to do). The buffers are allocated, not Swift arrays, so
/// their addresses may be handed to fixtext.
private final class SpaceState {
    let width: Int
    var output = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 0)
    var outputCount = 0
    var edits = UnsafeMutableBufferPointer<fixtext_plugin_edit>.allocate(capacity: 0)
    var editCount = 0

    init(width: Int) {
        self.width = width
    }

    deinit {
        output.deallocate()
        edits.deallocate()
    }

    /// Replaces every E3 80 80 of `input`; holds back a final E3 or E3 80, which may be the
    /// start of one, unless the input ends here.
    func run(_ input: UnsafeBufferPointer<UInt8>, isLast: Bool) -> Int {
        // Three bytes become at most two spaces: the output is never longer than the input.
        if output.count < input.count {
            output.deallocate()
            output = .allocate(capacity: input.count)
            edits.deallocate()
            edits = .allocate(capacity: input.count / 3 + 1)
        }
        outputCount = 0
        editCount = 0
        var end = input.count
        if !isLast {
            if end >= 1 && input[end - 1] == 0xE3 {
                end -= 1
            } else if end >= 2 && input[end - 2] == 0xE3 && input[end - 1] == 0x80 {
                end -= 2
            }
        }
        var i = 0
        while i < end {
            if input[i] == 0xE3 && i + 2 < end && input[i + 1] == 0x80 && input[i + 2] == 0x80 {
                edits[editCount] = fixtext_plugin_edit(input_start: i, input_end: i + 3, output_start: outputCount, output_end: outputCount + width)
                editCount += 1
                for _ in 0..<width {
                    output[outputCount] = 0x20
                    outputCount += 1
                }
                i += 3
            } else {
                output[outputCount] = input[i]
                outputCount += 1
                i += 1
            }
        }
        return end
    }
}

private func cString(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
}

private func writeMessage(_ text: String, to message: UnsafeMutablePointer<CChar>?) {
    guard let message else { return }
    let bytes = Array(text.utf8.prefix(Int(FIXTEXT_PLUGIN_MESSAGE_CAPACITY) - 1))
    for (i, byte) in bytes.enumerated() { message[i] = CChar(bitPattern: byte) }
    message[bytes.count] = 0
}

// Written once, on first use, and only read after that.
nonisolated(unsafe) private let options: UnsafeMutablePointer<fixtext_plugin_option> = {
    let list = UnsafeMutablePointer<fixtext_plugin_option>.allocate(capacity: 1)
    list.initialize(to: fixtext_plugin_option(
        name: cString("width"), default_value: cString("1"),
        summary: cString("How many ASCII spaces replace one ideographic space: 1 or 2.")))
    return list
}()

nonisolated(unsafe) private let table: UnsafeMutablePointer<fixtext_plugin> = {
    var plugin = fixtext_plugin()
    plugin.abi_version = FIXTEXT_PLUGIN_ABI_VERSION
    plugin.struct_size = UInt32(MemoryLayout<fixtext_plugin>.size)
    plugin.name = cString("ideographic-space")
    plugin.summary = cString("turns the ideographic space U+3000 into ASCII spaces (example Swift plugin)")
    plugin.documentation = cString("Example plugin from Plugins/Examples/SwiftPlugin. Option width=2 writes two spaces, keeping the column width.")
    plugin.options = UnsafePointer(options)
    plugin.option_count = 1
    plugin.max_held_bytes = 2
    plugin.create = { list, message in
        var width = 1
        if let list = list?.pointee {
            for i in 0..<list.count where String(cString: list.names[i]!) == "width" {
                let value = String(cString: list.values[i]!)
                guard let n = Int(value), n == 1 || n == 2 else {
                    writeMessage("width must be 1 or 2, not '\(value)'", to: message)
                    return nil
                }
                width = n
            }
        }
        return Unmanaged.passRetained(SpaceState(width: width)).toOpaque()
    }
    plugin.transform = { state, input, length, isLast, consumed, output, _ in
        let box = Unmanaged<SpaceState>.fromOpaque(state!).takeUnretainedValue()
        let taken = box.run(UnsafeBufferPointer(start: input, count: length), isLast: isLast != 0)
        consumed!.pointee = taken
        if box.editCount == 0 { return FIXTEXT_PLUGIN_UNCHANGED }
        output!.pointee.bytes = UnsafePointer(box.output.baseAddress)
        output!.pointee.length = box.outputCount
        output!.pointee.edits = UnsafePointer(box.edits.baseAddress)
        output!.pointee.edit_count = box.editCount
        return FIXTEXT_PLUGIN_OK
    }
    plugin.release = nil
    plugin.destroy = { state in
        Unmanaged<SpaceState>.fromOpaque(state!).release()
    }
    plugin.explain = { _, _, _, message in
        writeMessage("U+3000 IDEOGRAPHIC SPACE → ASCII space", to: message)
    }
    let pointer = UnsafeMutablePointer<fixtext_plugin>.allocate(capacity: 1)
    pointer.initialize(to: plugin)
    return pointer
}()

/// The entry point fixtext looks up with dlsym.
@_cdecl("fixtext_plugin_entry")
public func fixtextPluginEntry() -> UnsafePointer<fixtext_plugin>? {
    UnsafePointer(table)
}
