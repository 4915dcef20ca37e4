#ifndef CFIXTEXT_ICU_H
#define CFIXTEXT_ICU_H
#endif
