import Foundation
import FixTextTestSupport

/// Builds and finds the plugins the tests load.
enum PluginBuilds {
    static let header = TestData.repositoryRoot + "/Sources/CFixTextPlugin/include"

    /// The Swift example plugin, built by SwiftPM as a dynamic library next to the binary.
    static var swiftExample: String {
        BinaryRunner.productsDirectory.appendingPathComponent("libFixTextExampleSwiftPlugin.so").path
    }

    /// Compiles a C file into a shared object in `scratch` with the system compiler.
    static func compileC(_ source: String, into scratch: Scratch, name: String, defines: [String] = []) throws -> String {
        let output = scratch.url.appendingPathComponent(name).path
        try compile(
            "/usr/bin/env",
            ["cc", "-shared", "-fPIC", "-O2", "-I", header] + defines.map { "-D" + $0 } + [source, "-o", output])
        return output
    }

    /// Runs a compiler; its error output becomes the error when it fails.
    private static func compile(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CompileError(message: message) }
    }

    /// The C example plugin, compiled into `scratch`.
    static func cExample(in scratch: Scratch, name: String = "squeeze-spaces.so") throws -> String {
        try compileC(TestData.repositoryRoot + "/Plugins/Examples/CPlugin/squeeze_spaces.c", into: scratch, name: name)
    }

    /// rustc, from the PATH or from rustup's usual place; nil when Rust is not installed.
    static let rustc: String? = {
        let environment = ProcessInfo.processInfo.environment
        var folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let cargo = environment["CARGO_HOME"] { folders.append(cargo + "/bin") }
        if let home = environment["HOME"] { folders.append(home + "/.cargo/bin") }
        return folders.map { $0 + "/rustc" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// The Rust example plugin, compiled into `scratch` with plain rustc (no cargo, no crates).
    static func rustExample(in scratch: Scratch, name: String = "cjk-punctuation.so") throws -> String {
        guard let rustc else { throw CompileError(message: "rustc not found") }
        let output = scratch.url.appendingPathComponent(name).path
        let source = TestData.repositoryRoot + "/Plugins/Examples/RustPlugin/cjk_punctuation.rs"
        try compile(rustc, ["--edition", "2021", "--crate-type", "cdylib", "-O", source, "-o", output], in: scratch.url)
        return output
    }

    /// A plugin that can be made to break each rule of the ABI, by -D flags:
    /// ABI=n, NAME="…", NO_ENTRY, FAIL_CREATE, FAIL_TRANSFORM, SMALL_TABLE, OVERCONSUME,
    /// BAD_EDIT, NO_EXPLAIN_FIELD (a table that ends before `explain`, which is set).
    static let faultySource = """
        #include "fixtext_plugin.h"
        #include <stdio.h>
        #include <stddef.h>
        #include <string.h>
        #ifndef ABI
        #define ABI FIXTEXT_PLUGIN_ABI_VERSION
        #endif
        #ifndef NAME
        #define NAME "faulty"
        #endif
        static int token;
        static void *create(const fixtext_plugin_options *options, char *message) {
            (void)options;
        #ifdef FAIL_CREATE
            snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "the licence file is missing");
            return NULL;
        #else
            (void)message;
            return &token;
        #endif
        }
        static fixtext_plugin_status transform(void *state, const uint8_t *input, size_t length, int is_last,
                                               size_t *consumed, fixtext_plugin_output *output, char *message) {
            (void)state; (void)input; (void)is_last; (void)output; (void)message;
            *consumed = length;
        #ifdef OVERCONSUME
            *consumed = length + 1;
        #endif
        #if defined(BAD_EDIT) || defined(NO_EXPLAIN_FIELD)
            static uint8_t buffer[4096];
            static fixtext_plugin_edit edit;
            if (length > 0 && length <= sizeof buffer) {
                /* The first byte becomes 'x'; BAD_EDIT says the edit ends past the output. */
                memcpy(buffer, input, length);
                buffer[0] = 'x';
                edit = (fixtext_plugin_edit){0, 1, 0, 1};
        #ifdef BAD_EDIT
                edit.output_end = length + 1;
        #endif
                output->bytes = buffer; output->length = length; output->edits = &edit; output->edit_count = 1;
                return FIXTEXT_PLUGIN_OK;
            }
        #endif
        #ifdef FAIL_TRANSFORM
            if (length > 0) {
                snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "cannot handle byte 0x%02X", input[0]);
                return FIXTEXT_PLUGIN_ERROR;
            }
        #endif
            return FIXTEXT_PLUGIN_UNCHANGED;
        }
        static void destroy(void *state) { (void)state; }
        static void explain(void *state, const fixtext_plugin_output *output, size_t index, char *message) {
            (void)state; (void)output; (void)index;
            snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "explained by a field past struct_size");
        }
        static const fixtext_plugin table = {
            .abi_version = ABI,
        #ifdef SMALL_TABLE
            .struct_size = 16,
        #elif defined(NO_EXPLAIN_FIELD)
            .struct_size = offsetof(fixtext_plugin, explain),
        #else
            .struct_size = sizeof(fixtext_plugin),
        #endif
            .name = NAME, .summary = "a plugin for testing errors",
            .create = create, .transform = transform, .destroy = destroy, .explain = explain,
        };
        #ifndef NO_ENTRY
        const fixtext_plugin *fixtext_plugin_entry(void) { return &table; }
        #else
        const fixtext_plugin *some_other_function(void) { return &table; }
        #endif
        """

    struct CompileError: Error, CustomStringConvertible {
        var message: String
        var description: String { "compiling a plugin failed: \(message)" }
    }
}
