/*
 * An example fixtext plugin in plain C: `squeeze-spaces` collapses each run of ASCII
 * spaces (and, with tabs=true, tabs) into one space.
 *
 * Build:  cc -shared -fPIC -I Sources/CFixTextPlugin/include \
 *             Plugins/Examples/CPlugin/squeeze_spaces.c -o squeeze-spaces.so
 * Use:    fixtext --plugin ./squeeze-spaces.so -c squeeze-spaces page.txt
 *
 * A run of spaces may be cut by a chunk boundary, so the state remembers whether the last
 * byte written was a space: the plugin consumes every byte it is given and never holds any.
 * Each removed byte (and each tab turned into a space) is its own edit, so what
 * `fixtext explain` reports does not depend on the chunks either.
 */
#include "fixtext_plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct squeeze_state {
    int tabs;           /* tabs count as spaces */
    int after_space;    /* the last byte written was a space */
    uint8_t *buffer;    /* the output of the last call */
    fixtext_plugin_edit *edits; /* its edits */
    size_t capacity;
} squeeze_state;

static void *squeeze_create(const fixtext_plugin_options *options, char *message) {
    int tabs = 0;
    for (size_t i = 0; i < options->count; i++) {
        if (strcmp(options->names[i], "tabs") == 0) {
            if (strcmp(options->values[i], "true") == 0) {
                tabs = 1;
            } else if (strcmp(options->values[i], "false") != 0) {
                snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "tabs must be true or false, not '%s'",
                         options->values[i]);
                return NULL;
            }
        }
    }
    squeeze_state *state = calloc(1, sizeof *state);
    if (state == NULL) {
        snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "out of memory");
        return NULL;
    }
    state->tabs = tabs;
    return state;
}

static fixtext_plugin_status squeeze_transform(void *opaque, const uint8_t *input, size_t length, int is_last,
                                               size_t *consumed, fixtext_plugin_output *output, char *message) {
    (void)is_last;
    squeeze_state *state = opaque;
    *consumed = length;
    if (length == 0) return FIXTEXT_PLUGIN_UNCHANGED;
    if (length > state->capacity) {
        uint8_t *grown = realloc(state->buffer, length);
        if (grown != NULL) state->buffer = grown;
        fixtext_plugin_edit *edits = realloc(state->edits, length * sizeof *edits);
        if (edits != NULL) state->edits = edits;
        if (grown == NULL || edits == NULL) {
            snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "out of memory for %zu bytes", length);
            return FIXTEXT_PLUGIN_ERROR;
        }
        state->capacity = length;
    }
    size_t written = 0, edit_count = 0;
    for (size_t i = 0; i < length; i++) {
        uint8_t byte = input[i];
        int space = byte == ' ' || (state->tabs && byte == '\t');
        if (space && state->after_space) {
            state->edits[edit_count++] = (fixtext_plugin_edit){i, i + 1, written, written};
            continue;
        }
        if (space && byte != ' ') state->edits[edit_count++] = (fixtext_plugin_edit){i, i + 1, written, written + 1};
        state->buffer[written++] = space ? ' ' : byte;
        state->after_space = space;
    }
    if (edit_count == 0) return FIXTEXT_PLUGIN_UNCHANGED;
    output->bytes = state->buffer;
    output->length = written;
    output->edits = state->edits;
    output->edit_count = edit_count;
    return FIXTEXT_PLUGIN_OK;
}

static void squeeze_explain(void *opaque, const fixtext_plugin_output *output, size_t index, char *message) {
    (void)opaque;
    const fixtext_plugin_edit *edit = &output->edits[index];
    snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "%s",
             edit->output_end == edit->output_start ? "space after a space removed" : "tab → space");
}

static void squeeze_destroy(void *opaque) {
    squeeze_state *state = opaque;
    free(state->buffer);
    free(state->edits);
    free(state);
}

static const fixtext_plugin_option squeeze_options[] = {
    {"tabs", "false", "Tabs count as spaces too: true or false."},
};

static const fixtext_plugin squeeze_plugin = {
    .abi_version = FIXTEXT_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(fixtext_plugin),
    .name = "squeeze-spaces",
    .summary = "collapses runs of spaces into one (example C plugin)",
    .documentation = "Example plugin from Plugins/Examples/CPlugin.",
    .options = squeeze_options,
    .option_count = 1,
    .max_held_bytes = 0,
    .create = squeeze_create,
    .transform = squeeze_transform,
    .release = NULL, /* the buffer is reused by the next call and freed by destroy */
    .destroy = squeeze_destroy,
    .explain = squeeze_explain,
};

const fixtext_plugin *fixtext_plugin_entry(void) { return &squeeze_plugin; }
