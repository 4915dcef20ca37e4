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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-shared", "-fPIC", "-O2", "-I", header] + defines.map { "-D" + $0 } + [source, "-o", output]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CompileError(message: message) }
        return output
    }

    /// The C example plugin, compiled into `scratch`.
    static func cExample(in scratch: Scratch, name: String = "squeeze-spaces.so") throws -> String {
        try compileC(TestData.repositoryRoot + "/Plugins/Examples/CPlugin/squeeze_spaces.c", into: scratch, name: name)
    }

    /// A plugin that can be made to break each rule of the ABI, by -D flags:
    /// ABI=n, NAME="…", NO_ENTRY, FAIL_CREATE, FAIL_TRANSFORM, SMALL_TABLE.
    static let faultySource = """
        #include "fixtext_plugin.h"
        #include <stdio.h>
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
        #ifdef FAIL_TRANSFORM
            if (length > 0) {
                snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "cannot handle byte 0x%02X", input[0]);
                return FIXTEXT_PLUGIN_ERROR;
            }
        #endif
            return FIXTEXT_PLUGIN_UNCHANGED;
        }
        static void destroy(void *state) { (void)state; }
        static const fixtext_plugin table = {
            .abi_version = ABI,
        #ifdef SMALL_TABLE
            .struct_size = 16,
        #else
            .struct_size = sizeof(fixtext_plugin),
        #endif
            .name = NAME, .summary = "a plugin for testing errors",
            .create = create, .transform = transform, .destroy = destroy,
        };
        #ifndef NO_ENTRY
        const fixtext_plugin *fixtext_plugin_entry(void) { return &table; }
        #else
        const fixtext_plugin *some_other_function(void) { return &table; }
        #endif
        """

    struct CompileError: Error, CustomStringConvertible {
        var message: String
        var description: String { "cc failed: \(message)" }
    }
}
