/*
 * `identity`: a plugin that changes nothing, for measuring what the plugin boundary costs
 * (Tools/Benchmark). With copy=true it hands every chunk back as output, so fixtext copies
 * it; by default it answers FIXTEXT_PLUGIN_UNCHANGED and fixtext forwards the input itself.
 *
 *   cc -O2 -shared -fPIC -I Sources/CFixTextPlugin/include Plugins/Examples/CPlugin/identity.c -o identity.so
 */
#include "fixtext_plugin.h"

#include <stdio.h>
#include <string.h>

static int copy_mode, forward_mode;

static void *identity_create(const fixtext_plugin_options *options, char *message) {
    for (size_t i = 0; i < options->count; i++) {
        if (strcmp(options->names[i], "copy") != 0) continue;
        if (strcmp(options->values[i], "true") == 0) return &copy_mode;
        if (strcmp(options->values[i], "false") == 0) return &forward_mode;
        snprintf(message, FIXTEXT_PLUGIN_MESSAGE_CAPACITY, "copy must be true or false, not '%s'", options->values[i]);
        return NULL;
    }
    return &forward_mode;
}

static fixtext_plugin_status identity_transform(void *state, const uint8_t *input, size_t length, int is_last,
                                                size_t *consumed, fixtext_plugin_output *output, char *message) {
    (void)is_last;
    (void)message;
    *consumed = length;
    if (state == &forward_mode) return FIXTEXT_PLUGIN_UNCHANGED;
    output->bytes = input;
    output->length = length;
    output->edits = NULL;
    output->edit_count = 0;
    return FIXTEXT_PLUGIN_OK;
}

static void identity_destroy(void *state) { (void)state; }

static const fixtext_plugin_option identity_options[] = {
    {"copy", "false", "Return each chunk as output to be copied (true), or say it is unchanged (false)."},
};

static const fixtext_plugin identity_plugin = {
    .abi_version = FIXTEXT_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(fixtext_plugin),
    .name = "identity",
    .summary = "changes nothing (a plugin for measuring the plugin boundary)",
    .options = identity_options,
    .option_count = 1,
    .create = identity_create,
    .transform = identity_transform,
    .destroy = identity_destroy,
};

const fixtext_plugin *fixtext_plugin_entry(void) { return &identity_plugin; }
