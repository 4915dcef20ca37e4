/*
 * Forwards each cfixtext_ function to its ICU namesake; see cfixtext_icu.h. ICU's
 * libraries are loaded on the first call (icu_functions.h).
 * Error codes cross the boundary as int32_t and are copied in and out of a real
 * UErrorCode here, so no code relies on the enum's size.
 */
#include "cfixtext_icu.h"

#include "icu_functions.h"

_Static_assert(CFIXTEXT_U_ZERO_ERROR == U_ZERO_ERROR, "UErrorCode");
_Static_assert(CFIXTEXT_U_ILLEGAL_ARGUMENT_ERROR == U_ILLEGAL_ARGUMENT_ERROR, "UErrorCode");
_Static_assert(CFIXTEXT_U_INVALID_CHAR_FOUND == U_INVALID_CHAR_FOUND, "UErrorCode");
_Static_assert(CFIXTEXT_U_TRUNCATED_CHAR_FOUND == U_TRUNCATED_CHAR_FOUND, "UErrorCode");
_Static_assert(CFIXTEXT_U_ILLEGAL_CHAR_FOUND == U_ILLEGAL_CHAR_FOUND, "UErrorCode");
_Static_assert(CFIXTEXT_U_BUFFER_OVERFLOW_ERROR == U_BUFFER_OVERFLOW_ERROR, "UErrorCode");
_Static_assert(CFIXTEXT_U_ILLEGAL_ESCAPE_SEQUENCE == U_ILLEGAL_ESCAPE_SEQUENCE, "UErrorCode");
_Static_assert(CFIXTEXT_U_UNSUPPORTED_ESCAPE_SEQUENCE == U_UNSUPPORTED_ESCAPE_SEQUENCE,
               "UErrorCode");
_Static_assert(CFIXTEXT_U_REGEX_TIME_OUT == U_REGEX_TIME_OUT, "UErrorCode");
_Static_assert(CFIXTEXT_UNORM_NO == UNORM_NO && CFIXTEXT_UNORM_YES == UNORM_YES &&
                   CFIXTEXT_UNORM_MAYBE == UNORM_MAYBE,
               "UNormalizationCheckResult");
_Static_assert(sizeof(UChar) == sizeof(uint16_t), "UChar is 16 bits");

/* ICU keeps at most 32 units of an invalid sequence (its internal UCNV_ERROR_BUFFER_LENGTH). */
enum { INVALID_SEQUENCE_CAPACITY = 32 };

/* Runs `call` with a UErrorCode named `err` mirrored from/to *status. */
#define WITH_STATUS(status, call)                  \
    do {                                           \
        UErrorCode err = (UErrorCode)(*(status));  \
        call;                                      \
        *(status) = (int32_t)err;                  \
    } while (0)

const char *cfixtext_u_errorName(int32_t code) {
    return ICU(u_errorName)((UErrorCode)code);
}

/* MARK: - UTF-8 <-> UTF-16 */

void cfixtext_u_strFromUTF8WithSub(uint16_t *dest, int32_t destCapacity, int32_t *pDestLength,
                                   const uint8_t *src, int32_t srcLength, int32_t subchar,
                                   int32_t *pNumberOfSubstitutions, int32_t *status) {
    WITH_STATUS(status, ICU(u_strFromUTF8WithSub)((UChar *)dest, destCapacity, pDestLength,
                                                  (const char *)src, srcLength, (UChar32)subchar,
                                                  pNumberOfSubstitutions, &err));
}

void cfixtext_u_strToUTF8WithSub(uint8_t *dest, int32_t destCapacity, int32_t *pDestLength,
                                 const uint16_t *src, int32_t srcLength, int32_t subchar,
                                 int32_t *pNumberOfSubstitutions, int32_t *status) {
    WITH_STATUS(status, ICU(u_strToUTF8WithSub)((char *)dest, destCapacity, pDestLength,
                                                (const UChar *)src, srcLength, (UChar32)subchar,
                                                pNumberOfSubstitutions, &err));
}

/* MARK: - Converters */

struct UConverter *cfixtext_ucnv_open(const char *name, int32_t *status) {
    UConverter *cnv = NULL;
    WITH_STATUS(status, cnv = ICU(ucnv_open)(name, &err));
    return cnv;
}

void cfixtext_ucnv_close(struct UConverter *cnv) { ICU(ucnv_close)(cnv); }

const char *cfixtext_ucnv_getName(const struct UConverter *cnv, int32_t *status) {
    const char *name = NULL;
    WITH_STATUS(status, name = ICU(ucnv_getName)(cnv, &err));
    return name;
}

void cfixtext_ucnv_resetToUnicode(struct UConverter *cnv) { ICU(ucnv_resetToUnicode)(cnv); }

void cfixtext_ucnv_resetFromUnicode(struct UConverter *cnv) { ICU(ucnv_resetFromUnicode)(cnv); }

int8_t cfixtext_ucnv_getMaxCharSize(const struct UConverter *cnv) {
    return ICU(ucnv_getMaxCharSize)(cnv);
}

void cfixtext_ucnv_getRoundTripBMP(const struct UConverter *cnv, uint64_t *bits, int32_t *status) {
    for (int i = 0; i < 0x10000 / 64; i++) bits[i] = 0;
    USet *set = NULL;
    WITH_STATUS(status, set = ICU(uset_openEmpty)());
    if (set == NULL) return;
    WITH_STATUS(status, ICU(ucnv_getUnicodeSet)(cnv, set, UCNV_ROUNDTRIP_SET, &err));
    int32_t ranges = ICU(uset_getItemCount)(set);
    for (int32_t i = 0; i < ranges && *status <= 0; i++) {
        UChar32 start = 0, end = 0;
        int32_t length = 0;
        WITH_STATUS(status, length = ICU(uset_getItem)(set, i, &start, &end, NULL, 0, &err));
        if (length != 0) continue; /* a string, not a range */
        for (UChar32 c = start; c <= end && c < 0x10000; c++) bits[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    ICU(uset_close)(set);
}

void cfixtext_ucnv_setStopCallbacks(struct UConverter *cnv, int32_t *status) {
    WITH_STATUS(status, {
        ICU(ucnv_setToUCallBack)(cnv, ICU(UCNV_TO_U_CALLBACK_STOP), NULL, NULL, NULL, &err);
        ICU(ucnv_setFromUCallBack)(cnv, ICU(UCNV_FROM_U_CALLBACK_STOP), NULL, NULL, NULL, &err);
    });
}

void cfixtext_ucnv_toUnicode(struct UConverter *cnv,
                             uint16_t **target, const uint16_t *targetLimit,
                             const uint8_t **source, const uint8_t *sourceLimit,
                             int32_t *offsets, bool flush, int32_t *status) {
    WITH_STATUS(status, ICU(ucnv_toUnicode)(cnv, (UChar **)target, (const UChar *)targetLimit,
                                            (const char **)source, (const char *)sourceLimit,
                                            offsets, (UBool)flush, &err));
}

void cfixtext_ucnv_fromUnicode(struct UConverter *cnv,
                               uint8_t **target, const uint8_t *targetLimit,
                               const uint16_t **source, const uint16_t *sourceLimit,
                               int32_t *offsets, bool flush, int32_t *status) {
    WITH_STATUS(status, ICU(ucnv_fromUnicode)(cnv, (char **)target, (const char *)targetLimit,
                                              (const UChar **)source, (const UChar *)sourceLimit,
                                              offsets, (UBool)flush, &err));
}

int32_t cfixtext_ucnv_getInvalidChars(const struct UConverter *cnv, uint8_t *dest,
                                      int32_t capacity, int32_t *status) {
    char buffer[INVALID_SEQUENCE_CAPACITY];
    int8_t length = (int8_t)sizeof buffer;
    WITH_STATUS(status, ICU(ucnv_getInvalidChars)(cnv, buffer, &length, &err));
    if (*status > U_ZERO_ERROR) return 0;
    int32_t count = length < capacity ? length : capacity;
    for (int32_t i = 0; i < count; i++) dest[i] = (uint8_t)buffer[i];
    return count;
}

int32_t cfixtext_ucnv_getInvalidUChars(const struct UConverter *cnv, uint16_t *dest,
                                       int32_t capacity, int32_t *status) {
    UChar buffer[INVALID_SEQUENCE_CAPACITY];
    int8_t length = (int8_t)(sizeof buffer / sizeof buffer[0]);
    WITH_STATUS(status, ICU(ucnv_getInvalidUChars)(cnv, buffer, &length, &err));
    if (*status > U_ZERO_ERROR) return 0;
    int32_t count = length < capacity ? length : capacity;
    for (int32_t i = 0; i < count; i++) dest[i] = (uint16_t)buffer[i];
    return count;
}

int32_t cfixtext_ucnv_toUCountPending(const struct UConverter *cnv, int32_t *status) {
    int32_t count = 0;
    WITH_STATUS(status, count = ICU(ucnv_toUCountPending)(cnv, &err));
    return count;
}

int32_t cfixtext_ucnv_countAvailable(void) { return ICU(ucnv_countAvailable)(); }

const char *cfixtext_ucnv_getAvailableName(int32_t n) { return ICU(ucnv_getAvailableName)(n); }

uint16_t cfixtext_ucnv_countAliases(const char *alias, int32_t *status) {
    uint16_t count = 0;
    WITH_STATUS(status, count = ICU(ucnv_countAliases)(alias, &err));
    return count;
}

const char *cfixtext_ucnv_getAlias(const char *alias, uint16_t n, int32_t *status) {
    const char *name = NULL;
    WITH_STATUS(status, name = ICU(ucnv_getAlias)(alias, n, &err));
    return name;
}

/* MARK: - Normalization */

#define NORMALIZER_INSTANCE(shimName, icuName)                                  \
    const struct UNormalizer2 *shimName(int32_t *status) {                      \
        const UNormalizer2 *norm2 = NULL;                                       \
        WITH_STATUS(status, norm2 = ICU(icuName)(&err));                        \
        return norm2;                                                           \
    }

NORMALIZER_INSTANCE(cfixtext_unorm2_getNFCInstance, unorm2_getNFCInstance)
NORMALIZER_INSTANCE(cfixtext_unorm2_getNFDInstance, unorm2_getNFDInstance)
NORMALIZER_INSTANCE(cfixtext_unorm2_getNFKCInstance, unorm2_getNFKCInstance)
NORMALIZER_INSTANCE(cfixtext_unorm2_getNFKDInstance, unorm2_getNFKDInstance)
NORMALIZER_INSTANCE(cfixtext_unorm2_getNFKCCasefoldInstance, unorm2_getNFKCCasefoldInstance)

int32_t cfixtext_unorm2_normalize(const struct UNormalizer2 *norm2,
                                  const uint16_t *src, int32_t length,
                                  uint16_t *dest, int32_t capacity, int32_t *status) {
    int32_t result = 0;
    WITH_STATUS(status, result = ICU(unorm2_normalize)(norm2, (const UChar *)src, length,
                                                       (UChar *)dest, capacity, &err));
    return result;
}

int32_t cfixtext_unorm2_quickCheck(const struct UNormalizer2 *norm2,
                                   const uint16_t *s, int32_t length, int32_t *status) {
    UNormalizationCheckResult result = UNORM_NO;
    WITH_STATUS(status, result = ICU(unorm2_quickCheck)(norm2, (const UChar *)s, length, &err));
    return (int32_t)result;
}

int32_t cfixtext_unorm2_spanQuickCheckYes(const struct UNormalizer2 *norm2,
                                          const uint16_t *s, int32_t length, int32_t *status) {
    int32_t result = 0;
    WITH_STATUS(status, result = ICU(unorm2_spanQuickCheckYes)(norm2, (const UChar *)s, length, &err));
    return result;
}

uint8_t cfixtext_unorm2_getCombiningClass(const struct UNormalizer2 *norm2, int32_t c) {
    return ICU(unorm2_getCombiningClass)(norm2, (UChar32)c);
}

bool cfixtext_unorm2_hasBoundaryBefore(const struct UNormalizer2 *norm2, int32_t c) {
    return ICU(unorm2_hasBoundaryBefore)(norm2, (UChar32)c) != 0;
}

bool cfixtext_unorm2_hasBoundaryAfter(const struct UNormalizer2 *norm2, int32_t c) {
    return ICU(unorm2_hasBoundaryAfter)(norm2, (UChar32)c) != 0;
}

bool cfixtext_unorm2_isInert(const struct UNormalizer2 *norm2, int32_t c) {
    return ICU(unorm2_isInert)(norm2, (UChar32)c) != 0;
}

/* MARK: - Transliteration */

struct CFixTextTransliterator *cfixtext_utrans_openU(const uint16_t *id, int32_t idLength,
                                                     int32_t *status) {
    UTransliterator *trans = NULL;
    WITH_STATUS(status, trans = ICU(utrans_openU)((const UChar *)id, idLength, UTRANS_FORWARD,
                                                  NULL, 0, NULL, &err));
    return (struct CFixTextTransliterator *)trans;
}

void cfixtext_utrans_close(struct CFixTextTransliterator *trans) {
    ICU(utrans_close)((UTransliterator *)trans);
}

void cfixtext_utrans_transUChars(const struct CFixTextTransliterator *trans,
                                 uint16_t *text, int32_t *textLength, int32_t textCapacity,
                                 int32_t start, int32_t *limit, int32_t *status) {
    WITH_STATUS(status, ICU(utrans_transUChars)((const UTransliterator *)trans, (UChar *)text,
                                                textLength, textCapacity, start, limit, &err));
}

/* MARK: - Charset detection */

struct UCharsetDetector *cfixtext_ucsdet_open(int32_t *status) {
    UCharsetDetector *ucsd = NULL;
    WITH_STATUS(status, ucsd = ICU(ucsdet_open)(&err));
    return ucsd;
}

void cfixtext_ucsdet_close(struct UCharsetDetector *ucsd) { ICU(ucsdet_close)(ucsd); }

void cfixtext_ucsdet_setText(struct UCharsetDetector *ucsd, const uint8_t *text, int32_t length,
                             int32_t *status) {
    WITH_STATUS(status, ICU(ucsdet_setText)(ucsd, (const char *)text, length, &err));
}

void cfixtext_ucsdet_enableInputFilter(struct UCharsetDetector *ucsd, bool filter) {
    ICU(ucsdet_enableInputFilter)(ucsd, (UBool)filter);
}

const struct UCharsetMatch **cfixtext_ucsdet_detectAll(struct UCharsetDetector *ucsd,
                                                       int32_t *matchesFound, int32_t *status) {
    const UCharsetMatch **matches = NULL;
    WITH_STATUS(status, matches = ICU(ucsdet_detectAll)(ucsd, matchesFound, &err));
    return matches;
}

const char *cfixtext_ucsdet_getName(const struct UCharsetMatch *match, int32_t *status) {
    const char *name = NULL;
    WITH_STATUS(status, name = ICU(ucsdet_getName)(match, &err));
    return name;
}

const char *cfixtext_ucsdet_getLanguage(const struct UCharsetMatch *match, int32_t *status) {
    const char *language = NULL;
    WITH_STATUS(status, language = ICU(ucsdet_getLanguage)(match, &err));
    return language;
}

int32_t cfixtext_ucsdet_getConfidence(const struct UCharsetMatch *match, int32_t *status) {
    int32_t confidence = 0;
    WITH_STATUS(status, confidence = ICU(ucsdet_getConfidence)(match, &err));
    return confidence;
}

/* MARK: - Regular expressions */

struct URegularExpression *cfixtext_uregex_open(const uint16_t *pattern, int32_t patternLength, uint32_t flags,
                                                 int32_t *errorOffset, int32_t *status) {
    UErrorCode code = (UErrorCode)*status;
    UParseError parse;
    URegularExpression *regexp = ICU(uregex_open)(pattern, patternLength, flags, &parse, &code);
    *errorOffset = parse.offset;
    *status = code;
    return regexp;
}

void cfixtext_uregex_close(struct URegularExpression *regexp) { ICU(uregex_close)(regexp); }

void cfixtext_uregex_setTimeLimit(struct URegularExpression *regexp, int32_t limit, int32_t *status) {
    UErrorCode code = (UErrorCode)*status;
    ICU(uregex_setTimeLimit)(regexp, limit, &code);
    *status = code;
}

void cfixtext_uregex_setText(struct URegularExpression *regexp, const uint16_t *text, int32_t textLength,
                             int32_t *status) {
    UErrorCode code = (UErrorCode)*status;
    ICU(uregex_setText)(regexp, text, textLength, &code);
    *status = code;
}

int32_t cfixtext_uregex_replaceAll(struct URegularExpression *regexp, const uint16_t *replacement,
                                   int32_t replacementLength, uint16_t *dest, int32_t destCapacity,
                                   int32_t *status) {
    UErrorCode code = (UErrorCode)*status;
    int32_t length = ICU(uregex_replaceAll)(regexp, replacement, replacementLength, dest, destCapacity, &code);
    *status = code;
    return length;
}
