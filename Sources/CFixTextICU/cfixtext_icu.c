#include "cfixtext_icu.h"
