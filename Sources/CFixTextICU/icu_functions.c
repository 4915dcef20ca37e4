/* Loads ICU's shared libraries and finds its functions; see icu_functions.h. */
#include "icu_functions.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define CFIXTEXT_STRING(x) #x
#define CFIXTEXT_EXPANDED_STRING(x) CFIXTEXT_STRING(x)

/* libicui18n, whose dependencies include libicuuc: dlsym on its handle finds both. The
 * major version is the one of the headers compiled against, as the linker would record. */
static const char icu_library[] = "libicui18n.so." CFIXTEXT_EXPANDED_STRING(U_ICU_VERSION_MAJOR_NUM);

static struct cfixtext_icu_functions functions;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void fail(const char *what) {
    fprintf(stderr, "fixtext: cannot load ICU (%s): %s\n", icu_library, what ? what : "unknown error");
    exit(127);
}

static void load(void) {
    void *library = dlopen(icu_library, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) fail(dlerror());
#define CFIXTEXT_ICU_FIND(name)                                                   \
    *(void **)&functions.name = dlsym(library, CFIXTEXT_EXPANDED_STRING(name));   \
    if (functions.name == NULL) fail(dlerror());
    CFIXTEXT_ICU_FUNCTIONS(CFIXTEXT_ICU_FIND)
#undef CFIXTEXT_ICU_FIND
}

const struct cfixtext_icu_functions *cfixtext_icu_functions(void) {
    pthread_once(&loaded, load);
    return &functions;
}
