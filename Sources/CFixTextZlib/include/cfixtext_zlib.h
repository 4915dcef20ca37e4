#ifndef CFIXTEXT_ZLIB_H
#define CFIXTEXT_ZLIB_H
#endif
