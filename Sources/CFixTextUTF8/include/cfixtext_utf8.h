/*
 * cfixtext_utf8.h: how much of a buffer is valid UTF-8, checked with the vector units.
 *
 * The engine's validator (FixTextCore's UTF8Validator) asks this for the long valid
 * stretches of its input and looks at the bytes around an error itself, one by one, to
 * report them exactly. The vector kernels follow the lookup algorithm of Keiser and Lemire,
 * "Validating UTF-8 in less than one instruction per byte" (Software: Practice and
 * Experience, 2021); see cfixtext_utf8_x86.c.
 */
#ifndef CFIXTEXT_UTF8_H
#define CFIXTEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The implementations, slowest first. */
#define CFIXTEXT_UTF8_SCALAR 0 /* one character at a time, eight ASCII bytes at a time */
#define CFIXTEXT_UTF8_SSE2 1   /* skips ASCII sixteen bytes at a time, else scalar */
#define CFIXTEXT_UTF8_SSSE3 2  /* the lookup algorithm, 16-byte vectors */
#define CFIXTEXT_UTF8_AVX2 3   /* the lookup algorithm, 32-byte vectors */

/* The length of the longest prefix of bytes[0..<length] that is valid UTF-8 made of
 * whole characters, read as if the text started at bytes[0]: the offset of the first byte
 * that does not start a valid, complete character (length if there is none). A character
 * cut off by the end of the buffer is not part of the prefix. `bytes` may be NULL when
 * `length` is 0. Uses the best implementation this processor runs. */
size_t cfixtext_utf8_valid_prefix(const uint8_t *bytes, size_t length);

/* The same with a chosen implementation (for tests). A level this processor or build
 * cannot run falls back to the best one below it. */
size_t cfixtext_utf8_valid_prefix_at_level(int level, const uint8_t *bytes, size_t length);

/* The best implementation this processor runs: one of the CFIXTEXT_UTF8_ levels. */
int cfixtext_utf8_best_level(void);

#ifdef __cplusplus
}
#endif

#endif /* CFIXTEXT_UTF8_H */
