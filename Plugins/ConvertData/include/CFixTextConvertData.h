#ifndef CFIXTEXT_CONVERT_DATA_H
#define CFIXTEXT_CONVERT_DATA_H

#include <stddef.h>

// OpenCC's dictionaries compiled by Tools/opencc-data/compile.py (include/opencc.fxd),
// embedded read-only into the binary by data.S: the loader maps them with the program and
// the kernel reads in only the pages a conversion touches.
extern const unsigned char fixtext_opencc_data_start[];
extern const unsigned char fixtext_opencc_data_end[];

static inline const unsigned char *cfixtext_opencc_data(void) { return fixtext_opencc_data_start; }

static inline size_t cfixtext_opencc_data_size(void) {
    return (size_t)(fixtext_opencc_data_end - fixtext_opencc_data_start);
}

#endif
