import CFixTextPlugin
import FixTextCore

#if canImport(Glibc)
import Glibc
#endif

/// A transform that runs a shared-object plugin: each chunk goes to the plugin's
/// transform(), and what it returns is copied into the chain before release().
struct SharedObjectTransform: Transform {
    private let table: PluginTable
    private let state: State
    let context: TransformContext

    /// The plugin's state for one run, destroyed with the last copy of the transform.
    private final class State {
        let table: PluginTable
        let pointer: UnsafeMutableRawPointer
        /// Where the plugin writes messages.
        let message = UnsafeMutablePointer<CChar>.allocate(capacity: Int(FIXTEXT_PLUGIN_MESSAGE_CAPACITY))

        init(_ table: PluginTable, options: [(String, String)]) throws(PluginError) {
            self.table = table
            message.initialize(repeating: 0, count: Int(FIXTEXT_PLUGIN_MESSAGE_CAPACITY))
            let names = options.map { strdup($0.0).map { UnsafePointer($0) } }
            let values = options.map { strdup($0.1).map { UnsafePointer($0) } }
            defer {
                for pointer in names + values { free(UnsafeMutablePointer(mutating: pointer)) }
            }
            let message = self.message
            let made = names.withUnsafeBufferPointer { namesBuffer in
                values.withUnsafeBufferPointer { valuesBuffer in
                    var list = fixtext_plugin_options(count: options.count, names: namesBuffer.baseAddress, values: valuesBuffer.baseAddress)
                    return table.pointer.pointee.create(&list, message)
                }
            }
            guard let made else {
                let text = Self.text(message)
                message.deallocate()
                throw PluginError(table.path, "\(table.name) could not start: \(text.isEmpty ? "its create() failed without a message" : text)")
            }
            pointer = made
        }

        deinit {
            table.pointer.pointee.destroy(pointer)
            message.deallocate()
        }

        /// The message the plugin wrote, then clears it.
        func takeMessage() -> String {
            let text = Self.text(message)
            message[0] = 0
            return text
        }

        static func text(_ message: UnsafeMutablePointer<CChar>) -> String {
            message[Int(FIXTEXT_PLUGIN_MESSAGE_CAPACITY) - 1] = 0
            return String(cString: message)
        }
    }

    init(_ table: PluginTable, options: [(String, String)]) throws(PluginError) {
        self.table = table
        state = try State(table, options: options)
        context = .window(maxHeldBytes: table.maxHeldBytes)
    }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        var consumed = 0
        var result = fixtext_plugin_output()
        let status = table.pointer.pointee.transform(
            state.pointer, input.bytes.baseAddress, input.count, input.isEnd ? 1 : 0, &consumed, &result, state.message
        )
        guard consumed <= input.count else {
            releaseIfNeeded(status, &result)
            throw failure("consumed \(consumed) bytes of \(input.count)")
        }
        switch status {
        case FIXTEXT_PLUGIN_UNCHANGED:
            output.passThrough(0..<consumed, of: input)
        case FIXTEXT_PLUGIN_OK:
            defer { releaseIfNeeded(status, &result) }
            guard result.length == 0 || result.bytes != nil else { throw failure("returned \(result.length) bytes but no buffer") }
            let bytes = UnsafeBufferPointer(start: result.bytes, count: result.length)
            if output.isRecordingChanges {
                try record(bytes, of: input, consumed: consumed, result: &result, into: &output)
            } else {
                output.append(bytes)
            }
        case FIXTEXT_PLUGIN_ERROR:
            let message = state.takeMessage()
            throw PluginError(table.path, "\(table.name) failed at byte \(input.offset): \(message.isEmpty ? "no message" : message)", exitStatus: .ioFailure)
        default:
            throw failure("returned the unknown status \(status.rawValue)")
        }
        return consumed
    }

    private func releaseIfNeeded(_ status: fixtext_plugin_status, _ result: inout fixtext_plugin_output) {
        guard status == FIXTEXT_PLUGIN_OK, let release = table.pointer.pointee.release else { return }
        release(state.pointer, &result)
    }

    private func failure(_ what: String) -> PluginError {
        PluginError(table.path, "\(table.name) broke the plugin contract: it \(what)", exitStatus: .ioFailure)
    }

    /// Writes the output as unchanged stretches and reported edits.
    private func record(
        _ bytes: UnsafeBufferPointer<UInt8>, of input: TransformInput, consumed: Int,
        result: inout fixtext_plugin_output, into output: inout TransformOutput
    ) throws {
        guard result.edit_count > 0, let edits = result.edits else {
            if !bytes.elementsEqual(UnsafeBufferPointer(rebasing: input.bytes[..<consumed])) {
                output.replace(0..<consumed, of: input, with: bytes, reason: "changed by plugin \(table.name)")
            }
            return
        }
        var inputAt = 0, outputAt = 0
        for index in 0..<result.edit_count {
            let edit = edits[index]
            let from = Int(edit.input_start)..<Int(edit.input_end)
            let to = Int(edit.output_start)..<Int(edit.output_end)
            guard from.lowerBound >= inputAt, from.upperBound <= consumed, to.lowerBound >= outputAt, to.upperBound <= bytes.count,
                from.lowerBound - inputAt == to.lowerBound - outputAt
            else { throw failure("reported edit \(index) outside its input or output, or out of order") }
            output.passThrough(inputAt..<from.lowerBound, of: input)
            output.replace(from, of: input, with: UnsafeBufferPointer(rebasing: bytes[to]), reason: reason(for: index, of: &result))
            inputAt = from.upperBound
            outputAt = to.upperBound
        }
        guard consumed - inputAt == bytes.count - outputAt else { throw failure("reported edits that do not account for its output") }
        output.passThrough(inputAt..<consumed, of: input)
    }

    private func reason(for index: Int, of result: inout fixtext_plugin_output) -> String {
        guard table.hasExplain, let explain = table.pointer.pointee.explain else { return "changed by plugin \(table.name)" }
        explain(state.pointer, &result, index, state.message)
        let text = state.takeMessage()
        return text.isEmpty ? "changed by plugin \(table.name)" : text
    }
}
