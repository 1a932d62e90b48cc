/*
 * The two entry points of a libFuzzer harness (tests/fuzz/fuzz-*.c).
 * libFuzzer calls them under `make fuzz`; replay.c calls them on the
 * files of a corpus under `make check`, without libFuzzer, so that every
 * seed and every input that once found a bug is run by every build.
 */
#ifndef CCHC_FUZZ_H
#define CCHC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Once, before the first input: 0. */
int	LLVMFuzzerInitialize(int *argc, char ***argv);
/* One input (borrowed for the call): 0; a finding aborts. */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property of the code under test does not hold: report and abort,
 * so that libFuzzer saves the input. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond))							\
		fuzz_fail(__FILE__, __LINE__, #cond);			\
} while (0)
void	fuzz_fail(const char *file, int line, const char *what)
	    __attribute__((noreturn));

#endif
