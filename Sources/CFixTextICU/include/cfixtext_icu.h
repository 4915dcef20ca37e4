/*
 * cfixtext_icu.h — the part of ICU's C API that fixtext uses, as plain functions.
 *
 * ICU renames every C function with its major version (ucnv_open is a macro for
 * ucnv_open_72), and Swift does not import function-like macros. Each function here
 * forwards to the ICU function of the same name without the `cfixtext_` prefix; see
 * ICU's documentation of that function for its contract.
 *
 * This header deliberately does not include ICU's headers, so Swift sees only what
 * fixtext needs:
 *   - handles are pointers to incomplete structs (OpaquePointer in Swift);
 *   - UChar is uint16_t, UChar32 is int32_t, UBool is bool;
 *   - UErrorCode is int32_t (in/out, as in ICU: must be 0 on entry to do anything);
 *   - char buffers of legacy-encoded bytes are uint8_t.
 */
#ifndef CFIXTEXT_ICU_H
#define CFIXTEXT_ICU_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* MARK: - Error codes (the values of ICU's UErrorCode that callers test for) */

#define CFIXTEXT_U_ZERO_ERROR 0
#define CFIXTEXT_U_ILLEGAL_ARGUMENT_ERROR 1
#define CFIXTEXT_U_INVALID_CHAR_FOUND 10
#define CFIXTEXT_U_TRUNCATED_CHAR_FOUND 11
#define CFIXTEXT_U_ILLEGAL_CHAR_FOUND 12
#define CFIXTEXT_U_BUFFER_OVERFLOW_ERROR 15
#define CFIXTEXT_U_ILLEGAL_ESCAPE_SEQUENCE 18
#define CFIXTEXT_U_UNSUPPORTED_ESCAPE_SEQUENCE 19
#define CFIXTEXT_U_REGEX_TIME_OUT 66322

/* UNormalizationCheckResult */
#define CFIXTEXT_UNORM_NO 0
#define CFIXTEXT_UNORM_YES 1
#define CFIXTEXT_UNORM_MAYBE 2

/** The symbolic name of an error code, e.g. "U_BUFFER_OVERFLOW_ERROR". Never NULL. */
const char *cfixtext_u_errorName(int32_t code);

/* MARK: - UTF-8 <-> UTF-16 (ustring.h) */

/** u_strFromUTF8WithSub: subchar < 0 makes ill-formed input an error instead. */
void cfixtext_u_strFromUTF8WithSub(uint16_t *dest, int32_t destCapacity, int32_t *pDestLength,
                                   const uint8_t *src, int32_t srcLength, int32_t subchar,
                                   int32_t *pNumberOfSubstitutions, int32_t *status);

/** u_strToUTF8WithSub: subchar < 0 makes unpaired surrogates an error instead. */
void cfixtext_u_strToUTF8WithSub(uint8_t *dest, int32_t destCapacity, int32_t *pDestLength,
                                 const uint16_t *src, int32_t srcLength, int32_t subchar,
                                 int32_t *pNumberOfSubstitutions, int32_t *status);

/* MARK: - Converters (ucnv.h) */

struct UConverter;

struct UConverter *cfixtext_ucnv_open(const char *name, int32_t *status);
void cfixtext_ucnv_close(struct UConverter *cnv);
/** ICU's canonical name of the converter, e.g. "windows-936-2000" for "gbk". */
const char *cfixtext_ucnv_getName(const struct UConverter *cnv, int32_t *status);
void cfixtext_ucnv_resetToUnicode(struct UConverter *cnv);
void cfixtext_ucnv_resetFromUnicode(struct UConverter *cnv);
int8_t cfixtext_ucnv_getMaxCharSize(const struct UConverter *cnv);
/**
 * Sets bit c of `bits` (65536 bits) for each BMP code point c that the converter maps
 * both ways (ICU's UCNV_ROUNDTRIP_SET); clears the others.
 */
void cfixtext_ucnv_getRoundTripBMP(const struct UConverter *cnv, uint64_t *bits, int32_t *status);

/**
 * Makes both directions stop at the first invalid, unmappable or unencodable
 * sequence (UCNV_TO_U_CALLBACK_STOP, UCNV_FROM_U_CALLBACK_STOP). The conversion
 * functions then return with the error code and the sequence consumed; the caller
 * fetches it with cfixtext_ucnv_getInvalidChars / getInvalidUChars and calls again.
 */
void cfixtext_ucnv_setStopCallbacks(struct UConverter *cnv, int32_t *status);

void cfixtext_ucnv_toUnicode(struct UConverter *cnv,
                             uint16_t **target, const uint16_t *targetLimit,
                             const uint8_t **source, const uint8_t *sourceLimit,
                             int32_t *offsets, bool flush, int32_t *status);

void cfixtext_ucnv_fromUnicode(struct UConverter *cnv,
                               uint8_t **target, const uint8_t *targetLimit,
                               const uint16_t **source, const uint16_t *sourceLimit,
                               int32_t *offsets, bool flush, int32_t *status);

/** The bytes of the sequence that made toUnicode stop; returns their count (<= capacity). */
int32_t cfixtext_ucnv_getInvalidChars(const struct UConverter *cnv, uint8_t *dest,
                                      int32_t capacity, int32_t *status);
/** The UChars that made fromUnicode stop; returns their count (<= capacity). */
int32_t cfixtext_ucnv_getInvalidUChars(const struct UConverter *cnv, uint16_t *dest,
                                       int32_t capacity, int32_t *status);
/** Bytes consumed by toUnicode but not yet converted (partial or replayed sequences). */
int32_t cfixtext_ucnv_toUCountPending(const struct UConverter *cnv, int32_t *status);

int32_t cfixtext_ucnv_countAvailable(void);
const char *cfixtext_ucnv_getAvailableName(int32_t n);
uint16_t cfixtext_ucnv_countAliases(const char *alias, int32_t *status);
/** Alias n of the converter `alias` names; n == 0 is ICU's canonical converter name. */
const char *cfixtext_ucnv_getAlias(const char *alias, uint16_t n, int32_t *status);

/* MARK: - Normalization (unorm2.h); instances are ICU-owned singletons, never closed */

struct UNormalizer2;

const struct UNormalizer2 *cfixtext_unorm2_getNFCInstance(int32_t *status);
const struct UNormalizer2 *cfixtext_unorm2_getNFDInstance(int32_t *status);
const struct UNormalizer2 *cfixtext_unorm2_getNFKCInstance(int32_t *status);
const struct UNormalizer2 *cfixtext_unorm2_getNFKDInstance(int32_t *status);
const struct UNormalizer2 *cfixtext_unorm2_getNFKCCasefoldInstance(int32_t *status);

/** Returns the length of the normalized text, which may exceed capacity (overflow). */
int32_t cfixtext_unorm2_normalize(const struct UNormalizer2 *norm2,
                                  const uint16_t *src, int32_t length,
                                  uint16_t *dest, int32_t capacity, int32_t *status);
/** One of CFIXTEXT_UNORM_NO / _YES / _MAYBE. */
int32_t cfixtext_unorm2_quickCheck(const struct UNormalizer2 *norm2,
                                   const uint16_t *s, int32_t length, int32_t *status);
int32_t cfixtext_unorm2_spanQuickCheckYes(const struct UNormalizer2 *norm2,
                                          const uint16_t *s, int32_t length, int32_t *status);
uint8_t cfixtext_unorm2_getCombiningClass(const struct UNormalizer2 *norm2, int32_t c);
bool cfixtext_unorm2_hasBoundaryBefore(const struct UNormalizer2 *norm2, int32_t c);
bool cfixtext_unorm2_hasBoundaryAfter(const struct UNormalizer2 *norm2, int32_t c);
bool cfixtext_unorm2_isInert(const struct UNormalizer2 *norm2, int32_t c);

/* MARK: - Transliteration (utrans.h) */

/** Stands for ICU's UTransliterator (itself a void* typedef). */
struct CFixTextTransliterator;

/** utrans_openU in the forward direction, without custom rules. */
struct CFixTextTransliterator *cfixtext_utrans_openU(const uint16_t *id, int32_t idLength,
                                                     int32_t *status);
void cfixtext_utrans_close(struct CFixTextTransliterator *trans);
/** Transliterates text[start..<*limit] in place; on overflow *textLength is what it needs. */
void cfixtext_utrans_transUChars(const struct CFixTextTransliterator *trans,
                                 uint16_t *text, int32_t *textLength, int32_t textCapacity,
                                 int32_t start, int32_t *limit, int32_t *status);

/* MARK: - Charset detection (ucsdet.h) */

struct UCharsetDetector;
struct UCharsetMatch;

struct UCharsetDetector *cfixtext_ucsdet_open(int32_t *status);
void cfixtext_ucsdet_close(struct UCharsetDetector *ucsd);
/** The detector reads text during detect calls: it must stay valid until then. */
void cfixtext_ucsdet_setText(struct UCharsetDetector *ucsd, const uint8_t *text, int32_t length,
                             int32_t *status);
void cfixtext_ucsdet_enableInputFilter(struct UCharsetDetector *ucsd, bool filter);
/** Matches best first; the array and matches belong to the detector. */
const struct UCharsetMatch **cfixtext_ucsdet_detectAll(struct UCharsetDetector *ucsd,
                                                       int32_t *matchesFound, int32_t *status);
const char *cfixtext_ucsdet_getName(const struct UCharsetMatch *match, int32_t *status);
const char *cfixtext_ucsdet_getLanguage(const struct UCharsetMatch *match, int32_t *status);
int32_t cfixtext_ucsdet_getConfidence(const struct UCharsetMatch *match, int32_t *status);

/* MARK: - Regular expressions (uregex.h) */

struct URegularExpression;

struct URegularExpression *cfixtext_uregex_open(const uint16_t *pattern, int32_t patternLength, uint32_t flags,
                                                 int32_t *errorOffset, int32_t *status);
void cfixtext_uregex_close(struct URegularExpression *regexp);
/* The limit is in ICU's units of match steps (on the order of milliseconds each). */
void cfixtext_uregex_setTimeLimit(struct URegularExpression *regexp, int32_t limit, int32_t *status);
/* ICU keeps `text`; it must stay valid while the expression is used on it. */
void cfixtext_uregex_setText(struct URegularExpression *regexp, const uint16_t *text, int32_t textLength,
                             int32_t *status);
int32_t cfixtext_uregex_replaceAll(struct URegularExpression *regexp, const uint16_t *replacement,
                                   int32_t replacementLength, uint16_t *dest, int32_t destCapacity,
                                   int32_t *status);

#ifdef __cplusplus
}
#endif

#endif /* CFIXTEXT_ICU_H */
