/* The SIGBUS guard of mapped input; see cfixtext_mapping.h. */
#define _GNU_SOURCE
#include "cfixtext_mapping.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static _Thread_local const cfixtext_mapped_region *guarded;
static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static int install_result;

static void write_all(const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t n = write(STDERR_FILENO, text, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        text += n;
        length -= (size_t)n;
    }
}

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    const cfixtext_mapped_region *region = guarded;
    const uint8_t *address = (const uint8_t *)info->si_addr;
    if (region != NULL && address >= region->base && address < region->base + region->length) {
        int64_t offset = region->file_offset + (address - region->base);
        struct stat now;
        int shrank = fstat(region->fd, &now) == 0 && now.st_size <= offset;
        write_all(shrank ? region->shrank_message : region->failed_message);
        _exit(region->exit_status);
    }
    // Not ours: as if this handler had never been installed. Restoring a default or
    // ignoring action and returning makes the faulting access fault again under it.
    if (previous.sa_flags & SA_SIGINFO) {
        previous.sa_sigaction(signal, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signal);
    } else {
        sigaction(SIGBUS, &previous, NULL);
    }
}

static void install(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    install_result = sigaction(SIGBUS, &action, &previous);
}

int cfixtext_mapping_install_guard(void) {
    pthread_once(&installed, install);
    return install_result;
}

const cfixtext_mapped_region *cfixtext_mapping_guard(const cfixtext_mapped_region *region) {
    const cfixtext_mapped_region *before = guarded;
    guarded = region;
    return before;
}
