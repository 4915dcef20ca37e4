/* Expands zlib's initializer macros into callable functions; see cfixtext_zlib.h. */
#include "cfixtext_zlib.h"

int cfixtext_inflate_init2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

int cfixtext_deflate_init2(z_streamp stream, int level, int method, int windowBits,
                           int memLevel, int strategy) {
    return deflateInit2(stream, level, method, windowBits, memLevel, strategy);
}
