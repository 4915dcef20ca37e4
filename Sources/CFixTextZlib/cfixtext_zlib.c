#include "cfixtext_zlib.h"
