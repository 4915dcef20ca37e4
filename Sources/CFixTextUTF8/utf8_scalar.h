/*
 * The scalar check, shared by every implementation: the vector kernels use it for the
 * bytes after their last whole block and around an error.
 */
#ifndef CFIXTEXT_UTF8_SCALAR_H
#define CFIXTEXT_UTF8_SCALAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The offset of the first byte at or after `i` that does not start a valid, complete
 * character, given that `i` starts one (or is length). */
static inline size_t cfixtext_utf8_scalar_from(const uint8_t *p, size_t n, size_t i) {
    while (i < n) {
        /* Eight ASCII bytes at a time. */
        while (i + 8 <= n) {
            uint64_t word;
            memcpy(&word, p + i, 8);
            if (word & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        uint8_t lead = p[i];
        if (lead < 0x80) {
            i += 1;
            continue;
        }
        if (lead < 0xC2) return i; /* a continuation byte, or C0/C1 (always overlong) */
        if (lead < 0xE0) {
            if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return i;
            i += 2;
            continue;
        }
        if (lead < 0xF0) {
            if (i + 2 >= n) return i;
            uint8_t second = p[i + 1];
            uint8_t low = lead == 0xE0 ? 0xA0 : 0x80;  /* E0 80..9F would be overlong */
            uint8_t high = lead == 0xED ? 0x9F : 0xBF; /* ED A0..BF would be a surrogate */
            if (second < low || second > high || (p[i + 2] & 0xC0) != 0x80) return i;
            i += 3;
            continue;
        }
        if (lead < 0xF5) {
            if (i + 3 >= n) return i;
            uint8_t second = p[i + 1];
            uint8_t low = lead == 0xF0 ? 0x90 : 0x80;  /* F0 80..8F would be overlong */
            uint8_t high = lead == 0xF4 ? 0x8F : 0xBF; /* F4 90.. is past U+10FFFF */
            if (second < low || second > high || (p[i + 2] & 0xC0) != 0x80 || (p[i + 3] & 0xC0) != 0x80) return i;
            i += 4;
            continue;
        }
        return i; /* F5..FF never occur in UTF-8 */
    }
    return n;
}

/* Where the vector kernels resume byte by byte after checking p[0..<i] in blocks: `i`, or
 * the lead of a character that the block boundary cuts. */
static inline size_t cfixtext_utf8_back_to_boundary(const uint8_t *p, size_t i) {
    size_t j = i;
    while (j > 0 && i - j < 3 && (p[j - 1] & 0xC0) == 0x80) j--;
    if (j > 0 && p[j - 1] >= 0xC0) return j - 1;
    return i;
}

#endif
