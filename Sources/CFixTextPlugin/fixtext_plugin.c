/* The plugin ABI is a header only; this file gives the target a source to build. */
#include "fixtext_plugin.h"
