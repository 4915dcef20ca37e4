/*
 * fixtext_plugin.h: the C ABI between fixtext and a transform plugin (a shared object).
 *
 * A plugin exports one function, fixtext_plugin_entry, which returns a table that lives as
 * long as the shared object is loaded. Only C types cross the boundary: bytes, sizes,
 * C strings and function pointers. See PLUGINS.md for a walk-through.
 *
 * VERSIONING
 * - FIXTEXT_PLUGIN_ABI_VERSION changes when a field of this header changes meaning, type or
 *   place. fixtext loads a plugin only when the table's abi_version equals its own; it
 *   refuses older and newer ones with a message that names both versions.
 * - Fields may be added at the end of fixtext_plugin without a new version. struct_size
 *   says how much of the table the plugin filled in: fixtext treats a field past
 *   struct_size as absent (NULL or 0). Set struct_size = sizeof(fixtext_plugin).
 *
 * THE TRANSFORM CONTRACT
 * - Input is UTF-8 text (or arbitrary bytes, which must pass through unchanged), offered in
 *   chunks of any size. The output must not depend on where the chunks end.
 * - transform() says how many leading input bytes it consumed and writes the output for
 *   exactly those bytes. The bytes it did not consume (at most max_held_bytes of them, and
 *   none when is_last is set) are offered again at the start of the next call. A plugin
 *   that never needs to see ahead consumes everything and keeps what state it needs.
 * - fixtext copies the output before calling release(); the plugin owns its memory.
 * - One state is used by one thread at a time; distinct states may run concurrently.
 */
#ifndef FIXTEXT_PLUGIN_H
#define FIXTEXT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FIXTEXT_PLUGIN_ABI_VERSION 1u

/* The name of the function every plugin exports. */
#define FIXTEXT_PLUGIN_ENTRY_SYMBOL "fixtext_plugin_entry"

/* How much room the host gives for an error or explanation message, terminator included. */
#define FIXTEXT_PLUGIN_MESSAGE_CAPACITY 512u

typedef enum fixtext_plugin_status {
    /* The output for the consumed bytes is in fixtext_plugin_output. */
    FIXTEXT_PLUGIN_OK = 0,
    /* The consumed bytes are the output, unchanged; fixtext_plugin_output is not read. */
    FIXTEXT_PLUGIN_UNCHANGED = 1,
    /* Failed; a message is in the host's message buffer. The run stops with an error. */
    FIXTEXT_PLUGIN_ERROR = 2
} fixtext_plugin_status;

/* An option the plugin accepts in a chain: name(key=value). Values are text. */
typedef struct fixtext_plugin_option {
    const char *name;
    /* The value used when the chain does not set it; NULL makes the option required. */
    const char *default_value;
    const char *summary;
} fixtext_plugin_option;

/* The options of one chain step, every declared option present, in declaration order. */
typedef struct fixtext_plugin_options {
    size_t count;
    const char *const *names;
    const char *const *values;
} fixtext_plugin_options;

/* One change a call made: input[input_start..<input_end] became
 * output[output_start..<output_end]. Offsets are relative to this call's input and output. */
typedef struct fixtext_plugin_edit {
    size_t input_start, input_end;
    size_t output_start, output_end;
} fixtext_plugin_edit;

/* What transform() wrote. The plugin fills it; the host copies what it needs, then passes
 * the same struct to release(). */
typedef struct fixtext_plugin_output {
    const uint8_t *bytes;
    size_t length;
    /* The changes, in order, for `fixtext explain`; may be NULL with edit_count 0, and the
     * host then reports the call's whole output as one change (which depends on chunking). */
    const fixtext_plugin_edit *edits;
    size_t edit_count;
    /* For the plugin's own use in release(), e.g. the allocation to free. */
    void *context;
} fixtext_plugin_output;

typedef struct fixtext_plugin {
    /* FIXTEXT_PLUGIN_ABI_VERSION as the plugin was compiled. */
    uint32_t abi_version;
    /* sizeof(fixtext_plugin) as the plugin was compiled. */
    uint32_t struct_size;
    /* The transform's name in chains: lowercase letters, digits and hyphens. */
    const char *name;
    /* One line for `fixtext list`. */
    const char *summary;
    /* Longer documentation for `fixtext list NAME`; may be NULL. */
    const char *documentation;
    const fixtext_plugin_option *options;
    size_t option_count;
    /* The most unconsumed bytes transform() may leave; 0 if it always consumes all. */
    size_t max_held_bytes;

    /* Makes a state for one run. On failure returns NULL and writes a message to
     * `message` (FIXTEXT_PLUGIN_MESSAGE_CAPACITY bytes, NUL-terminated). */
    void *(*create)(const fixtext_plugin_options *options, char *message);

    /* Transforms a chunk; see THE TRANSFORM CONTRACT above. `input` may be NULL when
     * length is 0 (the last call). *consumed must be at most length. */
    fixtext_plugin_status (*transform)(void *state, const uint8_t *input, size_t length, int is_last,
                                       size_t *consumed, fixtext_plugin_output *output, char *message);

    /* Frees what transform() returned with FIXTEXT_PLUGIN_OK; may be NULL if nothing needs it. */
    void (*release)(void *state, fixtext_plugin_output *output);

    /* Ends a run. */
    void (*destroy)(void *state);

    /* Optional (NULL, or past struct_size): why edit `index` of `output` was made, in words,
     * written to `message`. Called only by `fixtext explain`, before release(). */
    void (*explain)(void *state, const fixtext_plugin_output *output, size_t index, char *message);
} fixtext_plugin;

/* The entry point: returns the plugin's table, or NULL if it cannot run. */
typedef const fixtext_plugin *(*fixtext_plugin_entry_function)(void);

#ifdef __cplusplus
}
#endif

#endif /* FIXTEXT_PLUGIN_H */
