/*
 * The vector kernels for x86-64: SSE2 (ASCII only), SSSE3 and AVX2.
 *
 * The lookup algorithm (Keiser and Lemire, "Validating UTF-8 in less than one instruction
 * per byte", 2021) decides most of UTF-8's rules from two adjacent bytes: the high nibble
 * of the previous byte, its low nibble and the high nibble of the current byte each index a
 * 16-entry table (one pshufb each), and the three entries are ANDed. Each bit of an entry
 * stands for one kind of error, set in all three tables exactly for the nibbles that take
 * part in it, so a bit survives the AND only where that error occurs. What two bytes
 * cannot decide (the third and fourth bytes of a character must be continuations, and
 * nothing else may be two continuations in a row) is settled by comparing the bytes two
 * and three back with E0 and F0.
 *
 * Each kernel checks 64-byte blocks and stops at the first block with an error; the
 * scalar check then takes over from the start of the character that the block boundary
 * cuts, and finds the exact place. An error is always flagged at or before the last byte
 * of its character, so the bytes before that character were all seen to be valid.
 *
 * The input often comes straight from the page cache (a file read through a memory map),
 * so the kernels ask for the block PREFETCH_DISTANCE bytes ahead: the processor's own
 * prefetcher does not follow a stream into the next 4 KiB page, and without the hint each
 * page begins with a wait for memory (measured on AMD EPYC: 100 MB of mapped text
 * validated in 16 instead of 19 ms of CPU time, the map's page faults included; text
 * already in the cache within the noise). Of 512 bytes, 1 KiB and 2 KiB ahead, 2 KiB hid
 * the most of the wait.
 */
#include "cfixtext_utf8.h"
#include "utf8_scalar.h"

#if defined(__x86_64__) || defined(__i386__)

#include <immintrin.h>

#define PREFETCH_DISTANCE 2048

/* The address to prefetch while reading p[i...]: PREFETCH_DISTANCE ahead, but never past
 * the end (a prefetch does not fault, but the pointer would not be valid C). */
static inline const char *ahead(const uint8_t *p, size_t i, size_t n) {
    return (const char *)(n - i > PREFETCH_DISTANCE ? p + i + PREFETCH_DISTANCE : p + i);
}

/* The kinds of error, one bit each (the paper's classes). */
#define TOO_SHORT (1 << 0)  /* a lead byte followed by a lead byte or ASCII */
#define TOO_LONG (1 << 1)   /* ASCII followed by a continuation byte */
#define OVERLONG_3 (1 << 2) /* E0 80..9F */
#define TOO_LARGE (1 << 3)  /* F4 90..BF, F5..FF followed by a continuation */
#define SURROGATE (1 << 4)  /* ED A0..BF */
#define OVERLONG_2 (1 << 5) /* C0 or C1 followed by a continuation */
#define TOO_LARGE_1000 (1 << 6) /* F5..FF 80..8F */
#define OVERLONG_4 (1 << 6)     /* F0 80..8F (shares the bit: both need F_ then 8_) */
#define TWO_CONTS (1 << 7)  /* two continuation bytes: an error unless a lead 2 or 3 back wants it */
/* The errors decided by the high nibbles alone pass every low nibble of the first byte. */
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

/* Indexed by the high nibble of the first byte of the pair. */
static const int8_t first_high[16] = {
    TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, /* 0_..7_ ASCII */
    TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,                                     /* 8_..B_ continuations */
    TOO_SHORT | OVERLONG_2,                                                          /* C_ */
    TOO_SHORT,                                                                       /* D_ */
    TOO_SHORT | OVERLONG_3 | SURROGATE,                                              /* E_ */
    (int8_t)(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4),                   /* F_ */
};

/* Indexed by the low nibble of the first byte. */
static const int8_t first_low[16] = {
    (int8_t)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4), /* _0: C0, E0, F0 */
    (int8_t)(CARRY | OVERLONG_2),                           /* _1: C1 */
    (int8_t)CARRY,
    (int8_t)CARRY,
    (int8_t)(CARRY | TOO_LARGE),                             /* _4: F4 */
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),            /* _5.._F: F5..FF */
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE), /* _D: ED */
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
    (int8_t)(CARRY | TOO_LARGE | TOO_LARGE_1000),
};

/* Indexed by the high nibble of the second byte. */
static const int8_t second_high[16] = {
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
    (int8_t)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4), /* 8_ */
    (int8_t)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),                   /* 9_ */
    (int8_t)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),                    /* A_ */
    (int8_t)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),                    /* B_ */
    TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
};

/* The last three bytes of a block may not start a character that needs more bytes than
 * remain: at most BF, DF and EF (checked only before an ASCII block, which the lookup
 * skips; elsewhere the next block's lookup catches it). */
static const uint8_t incomplete_limit[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF,
};

/* MARK: - SSE2: ASCII sixteen bytes at a time */

size_t cfixtext_utf8_prefix_sse2(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        while (i + 16 <= n && _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(p + i))) == 0) i += 16;
        while (i < n && p[i] < 0x80) i++;
        /* A run of non-ASCII bytes holds whole characters, or it is not valid. */
        size_t start = i;
        while (i < n && p[i] >= 0x80) i++;
        size_t end = cfixtext_utf8_scalar_from(p, i, start);
        if (end < i) return end;
    }
    return n;
}

/* MARK: - SSSE3 */

__attribute__((target("ssse3"))) static inline __m128i lookup_errors_16(__m128i current, __m128i previous) {
    const __m128i nibble = _mm_set1_epi8(0x0F);
    __m128i prev1 = _mm_alignr_epi8(current, previous, 15);
    __m128i prev2 = _mm_alignr_epi8(current, previous, 14);
    __m128i prev3 = _mm_alignr_epi8(current, previous, 13);
    __m128i special = _mm_and_si128(
        _mm_and_si128(
            _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)first_high), _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble)),
            _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)first_low), _mm_and_si128(prev1, nibble))),
        _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)second_high), _mm_and_si128(_mm_srli_epi16(current, 4), nibble)));
    /* Bit 7 set where the byte two back is at least E0 or the one three back at least F0. */
    __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8((char)(0xE0 - 0x80)));
    __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8((char)(0xF0 - 0x80)));
    __m128i must_continue = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(special, must_continue);
}

__attribute__((target("ssse3"))) size_t cfixtext_utf8_prefix_ssse3(const uint8_t *p, size_t n) {
    __m128i previous = _mm_setzero_si128();
    const __m128i limit = _mm_loadu_si128((const __m128i *)(incomplete_limit + 16));
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        _mm_prefetch(ahead(p, i, n), _MM_HINT_T0);
        __m128i a = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(p + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(p + i + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(p + i + 48));
        __m128i errors;
        if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) == 0) {
            errors = _mm_subs_epu8(previous, limit);
        } else {
            errors = _mm_or_si128(_mm_or_si128(lookup_errors_16(a, previous), lookup_errors_16(b, a)),
                                  _mm_or_si128(lookup_errors_16(c, b), lookup_errors_16(d, c)));
        }
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) != 0xFFFF) break;
        previous = d;
    }
    return cfixtext_utf8_scalar_from(p, n, cfixtext_utf8_back_to_boundary(p, i));
}

/* MARK: - AVX2 */

__attribute__((target("avx2"))) static inline __m256i broadcast_table(const int8_t *table) {
    return _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)table));
}

__attribute__((target("avx2"))) static inline __m256i lookup_errors_32(__m256i current, __m256i previous) {
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    /* The 16 bytes before each lane of `current`: the high lane of `previous`, then its low lane. */
    __m256i before = _mm256_permute2x128_si256(previous, current, 0x21);
    __m256i prev1 = _mm256_alignr_epi8(current, before, 15);
    __m256i prev2 = _mm256_alignr_epi8(current, before, 14);
    __m256i prev3 = _mm256_alignr_epi8(current, before, 13);
    __m256i special = _mm256_and_si256(
        _mm256_and_si256(
            _mm256_shuffle_epi8(broadcast_table(first_high), _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
            _mm256_shuffle_epi8(broadcast_table(first_low), _mm256_and_si256(prev1, nibble))),
        _mm256_shuffle_epi8(broadcast_table(second_high), _mm256_and_si256(_mm256_srli_epi16(current, 4), nibble)));
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must_continue = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(special, must_continue);
}

__attribute__((target("avx2"))) size_t cfixtext_utf8_prefix_avx2(const uint8_t *p, size_t n) {
    __m256i previous = _mm256_setzero_si256();
    const __m256i limit = _mm256_loadu_si256((const __m256i *)incomplete_limit);
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        _mm_prefetch(ahead(p, i, n), _MM_HINT_T0);
        __m256i a = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(p + i + 32));
        __m256i errors;
        if (_mm256_movemask_epi8(_mm256_or_si256(a, b)) == 0) {
            errors = _mm256_subs_epu8(previous, limit);
        } else {
            errors = _mm256_or_si256(lookup_errors_32(a, previous), lookup_errors_32(b, a));
        }
        if (!_mm256_testz_si256(errors, errors)) break;
        previous = b;
    }
    return cfixtext_utf8_scalar_from(p, n, cfixtext_utf8_back_to_boundary(p, i));
}

#endif
