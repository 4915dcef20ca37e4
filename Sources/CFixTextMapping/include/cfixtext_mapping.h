/*
 * cfixtext_mapping.h — a SIGBUS guard for reading files through a memory map.
 *
 * A mapped file that shrinks (truncated by another process) leaves pages that no longer
 * have data behind them; touching one raises SIGBUS, as does a disk that fails to deliver
 * a page. Swift code cannot recover from a signal in the middle of its work, so the guard
 * ends the process with a message that names the file instead of a crash report. The
 * reader publishes the mapping it is handing out, per thread (SIGBUS goes to the thread
 * that touched the page), and only faults inside it are taken; any other SIGBUS goes to
 * the handler that was installed before.
 */
#ifndef CFIXTEXT_MAPPING_H
#define CFIXTEXT_MAPPING_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What the guard needs to know about the mapping being read on a thread. */
typedef struct cfixtext_mapped_region {
    /** The mapping, and its length in bytes. */
    const uint8_t *base;
    size_t length;
    /** The offset in the file of `base`. */
    int64_t file_offset;
    /** The mapped file, asked for its size when a fault comes. */
    int fd;
    /** The exit status of the process after a fault. */
    int exit_status;
    /** Whole lines for standard error: when the file is now shorter than the offset of
        the fault, and otherwise (the page could not be read). */
    const char *shrank_message;
    const char *failed_message;
} cfixtext_mapped_region;

/**
 * Installs the SIGBUS handler, once per process (later calls do nothing). Returns 0, or
 * -1 with errno set when sigaction fails.
 */
int cfixtext_mapping_install_guard(void);

/**
 * Makes `region` the mapping guarded on the calling thread (NULL: none) and returns the
 * one guarded before, to be put back when the caller is done. The region must stay
 * valid, and unchanged, while it is guarded.
 */
const cfixtext_mapped_region *cfixtext_mapping_guard(const cfixtext_mapped_region *region);

#ifdef __cplusplus
}
#endif

#endif /* CFIXTEXT_MAPPING_H */
