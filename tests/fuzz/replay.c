/*
 * replay: run a harness on files and folders of inputs without libFuzzer
 * (make check links it with each tests/fuzz/fuzz-*.c).  Each input is
 * copied into a buffer of exactly its size, so that a read past its end
 * is caught by AddressSanitizer in a sanitizer build.  Prints how many
 * inputs ran; a finding aborts.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t	replayed;

/* Run one file; 0, or -1 after a message. */
static int
replay_file(const char *path)
{
	FILE		*fp;
	struct stat	 sb;
	uint8_t		*buf;
	size_t		 n;

	if ((fp = fopen(path, "rb")) == NULL || fstat(fileno(fp), &sb) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return -1;
	}
	buf = malloc(sb.st_size > 0 ? (size_t)sb.st_size : 1);
	if (buf == NULL) {
		fclose(fp);
		return -1;
	}
	n = fread(buf, 1, (size_t)sb.st_size, fp);
	fclose(fp);
	if (n != (size_t)sb.st_size) {
		fprintf(stderr, "replay: %s: short read\n", path);
		free(buf);
		return -1;
	}
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	replayed++;
	return 0;
}

static int
replay_path(const char *path)
{
	struct stat	  sb;
	struct dirent	**ents;
	char		 *p;
	int		  i, n, rc = 0;

	if (stat(path, &sb) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path);
	if ((n = scandir(path, &ents, NULL, alphasort)) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.' && rc == 0) {
			size_t	len = strlen(path) + strlen(ents[i]->d_name) + 2;

			if ((p = malloc(len)) == NULL)
				rc = -1;
			else {
				snprintf(p, len, "%s/%s", path, ents[i]->d_name);
				rc = replay_path(p);
				free(p);
			}
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int	i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: replay FILE|DIR...\n");
		return 64;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc && rc == 0; i++)
		rc = replay_path(argv[i]);
	printf("replayed %zu inputs\n", replayed);
	return rc == 0 ? 0 : 1;
}
