/*
 * Chooses the best implementation this processor runs, once, and forwards to it.
 */
#include "cfixtext_utf8.h"
#include "utf8_scalar.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

size_t cfixtext_utf8_prefix_sse2(const uint8_t *p, size_t n);
size_t cfixtext_utf8_prefix_ssse3(const uint8_t *p, size_t n);
size_t cfixtext_utf8_prefix_avx2(const uint8_t *p, size_t n);

static int detect_level(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return CFIXTEXT_UTF8_SCALAR;
    int level = (edx & bit_SSE2) ? CFIXTEXT_UTF8_SSE2 : CFIXTEXT_UTF8_SCALAR;
    if (level == CFIXTEXT_UTF8_SSE2 && (ecx & bit_SSSE3)) level = CFIXTEXT_UTF8_SSSE3;
    /* AVX2 needs the processor's support and the system's: it must save the 256-bit
     * registers (XCR0 bits 1 and 2). */
    if (level == CFIXTEXT_UTF8_SSSE3 && (ecx & bit_OSXSAVE) && (ecx & bit_AVX)) {
        unsigned int xcr0_low, xcr0_high;
        __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
        unsigned int eax7, ebx7, ecx7, edx7;
        if ((xcr0_low & 6) == 6 && __get_cpuid_count(7, 0, &eax7, &ebx7, &ecx7, &edx7) && (ebx7 & bit_AVX2)) {
            level = CFIXTEXT_UTF8_AVX2;
        }
    }
    return level;
}
#else
static int detect_level(void) { return CFIXTEXT_UTF8_SCALAR; }
#endif

/* -1 until detected; detection is idempotent, so threads that race both store the same. */
static int detected_level = -1;

int cfixtext_utf8_best_level(void) {
    int level = __atomic_load_n(&detected_level, __ATOMIC_RELAXED);
    if (level < 0) {
        level = detect_level();
        __atomic_store_n(&detected_level, level, __ATOMIC_RELAXED);
    }
    return level;
}

/* Runs the kernel of `level`, which the machine must have. */
static size_t valid_prefix_dispatch(int level, const uint8_t *bytes, size_t length) {
    if (length == 0) return 0;
#if defined(__x86_64__) || defined(__i386__)
    switch (level) {
    case CFIXTEXT_UTF8_AVX2: return cfixtext_utf8_prefix_avx2(bytes, length);
    case CFIXTEXT_UTF8_SSSE3: return cfixtext_utf8_prefix_ssse3(bytes, length);
    case CFIXTEXT_UTF8_SSE2: return cfixtext_utf8_prefix_sse2(bytes, length);
    default: break;
    }
#endif
    return cfixtext_utf8_scalar_from(bytes, length, 0);
}

size_t cfixtext_utf8_valid_prefix_at_level(int level, const uint8_t *bytes, size_t length) {
    int best = cfixtext_utf8_best_level();
    if (level > best) level = best;
    return valid_prefix_dispatch(level, bytes, length);
}

size_t cfixtext_utf8_valid_prefix(const uint8_t *bytes, size_t length) {
    return valid_prefix_dispatch(cfixtext_utf8_best_level(), bytes, length);
}
