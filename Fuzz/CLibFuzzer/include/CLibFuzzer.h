// libFuzzer's driver, linked by -sanitize=fuzzer (compiler-rt). Declared here so a Swift
// program can start libFuzzer from its own main (SwiftPM links executables through a renamed
// entry point, so libFuzzer's main cannot be used).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
