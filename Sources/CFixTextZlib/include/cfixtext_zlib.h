/*
 * cfixtext_zlib.h — zlib for Swift.
 *
 * zlib's stream initializers (inflateInit2, deflateInit2) are function-like macros that
 * pass the library version and sizeof(z_stream); Swift does not import such macros, so
 * they are wrapped here. Everything else (z_stream, inflate, deflate, inflateReset,
 * deflateReset, inflateEnd, deflateEnd, Z_* constants) is zlib's own, imported as is.
 */
#ifndef CFIXTEXT_ZLIB_H
#define CFIXTEXT_ZLIB_H

#include <zlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/** windowBits + 16 reads only the gzip format (a member header and trailer). */
#define CFIXTEXT_GZIP_WINDOW_BITS (MAX_WBITS + 16)

/** inflateInit2(stream, windowBits). zalloc, zfree, opaque, next_in, avail_in must be set. */
int cfixtext_inflate_init2(z_streamp stream, int windowBits);

/** deflateInit2(stream, level, method, windowBits, memLevel, strategy). */
int cfixtext_deflate_init2(z_streamp stream, int level, int method, int windowBits,
                           int memLevel, int strategy);

#ifdef __cplusplus
}
#endif

#endif /* CFIXTEXT_ZLIB_H */
