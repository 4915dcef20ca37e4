/*
 * The ICU functions fixtext calls, found in ICU's shared libraries the first time one is
 * needed (see icu_functions.c), so that a run whose chain needs no ICU does not load it.
 * Each name is ICU's, which its headers rename to the versioned symbol (ucnv_open is
 * ucnv_open_72 with ICU 72); the field of each function has that name too.
 */
#ifndef CFIXTEXT_ICU_FUNCTIONS_H
#define CFIXTEXT_ICU_FUNCTIONS_H

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/uset.h>
#include <unicode/uregex.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>
#include <unicode/utypes.h>

#define CFIXTEXT_ICU_FUNCTIONS(X)                                                                  \
    X(u_errorName) X(u_strFromUTF8WithSub) X(u_strToUTF8WithSub)                                  \
    X(ucnv_open) X(ucnv_close) X(ucnv_getName) X(ucnv_resetToUnicode) X(ucnv_resetFromUnicode)    \
    X(ucnv_getMaxCharSize) X(ucnv_getUnicodeSet) X(ucnv_setToUCallBack) X(ucnv_setFromUCallBack)  \
    X(UCNV_TO_U_CALLBACK_STOP) X(UCNV_FROM_U_CALLBACK_STOP) X(ucnv_toUnicode) X(ucnv_fromUnicode) \
    X(ucnv_getInvalidChars) X(ucnv_getInvalidUChars) X(ucnv_toUCountPending)                      \
    X(ucnv_countAvailable) X(ucnv_getAvailableName) X(ucnv_countAliases) X(ucnv_getAlias)         \
    X(uset_openEmpty) X(uset_getItemCount) X(uset_getItem) X(uset_close)                          \
    X(unorm2_getNFCInstance) X(unorm2_getNFDInstance) X(unorm2_getNFKCInstance)                   \
    X(unorm2_getNFKDInstance) X(unorm2_getNFKCCasefoldInstance) X(unorm2_normalize)               \
    X(unorm2_quickCheck) X(unorm2_spanQuickCheckYes) X(unorm2_getCombiningClass)                  \
    X(unorm2_hasBoundaryBefore) X(unorm2_hasBoundaryAfter) X(unorm2_isInert)                      \
    X(utrans_openU) X(utrans_close) X(utrans_transUChars)                                         \
    X(ucsdet_open) X(ucsdet_close) X(ucsdet_setText) X(ucsdet_enableInputFilter)                  \
    X(ucsdet_detectAll) X(ucsdet_getName) X(ucsdet_getLanguage) X(ucsdet_getConfidence)           \
    X(uregex_open) X(uregex_close) X(uregex_setTimeLimit) X(uregex_setText) X(uregex_replaceAll)

struct cfixtext_icu_functions {
#define CFIXTEXT_ICU_FIELD(name) __typeof__(&name) name;
    CFIXTEXT_ICU_FUNCTIONS(CFIXTEXT_ICU_FIELD)
#undef CFIXTEXT_ICU_FIELD
};

/* The functions, ICU loaded on the first call. When ICU cannot be loaded, the process ends
 * with a message and exit status 127, as when the dynamic loader cannot find a library. */
const struct cfixtext_icu_functions *cfixtext_icu_functions(void);

/* ICU's function `name`, for a call: ICU(ucnv_close)(cnv). */
#define ICU(name) (cfixtext_icu_functions()->name)

#endif
