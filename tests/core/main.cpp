// doctest's main, alone in its file: it is the slowest thing to compile, so it compiles once.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
