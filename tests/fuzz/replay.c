/*
 * replay: run a libFuzzer harness over files without libFuzzer, so that
 * any C compiler can replay the seed corpora and the regression inputs
 * (tests/cases/hostile-fuzz.sh).  Each argument is a file, or a directory
 * whose regular files are replayed in name order.  Exit 0 when every
 * input ran; a finding aborts, as under libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t nrun;

static void
one(const char *path)
{
	FILE *fp;
	uint8_t *p = NULL;
	size_t n = 0, cap = 0, got;

	if ((fp = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(2);
	}
	do {
		if (n == cap) {
			cap = cap == 0 ? 4096 : cap * 2;
			if ((p = realloc(p, cap)) == NULL)
				abort();
		}
		got = fread(p + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	LLVMFuzzerTestOneInput(p, n);
	free(p);
	nrun++;
}

static int
byname(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int
main(int argc, char *argv[])
{
	struct dirent **ents;
	struct stat st;
	char path[4096];
	int i, j, n;

	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == -1) {
			perror(argv[i]);
			return 2;
		}
		if (!S_ISDIR(st.st_mode)) {
			one(argv[i]);
			continue;
		}
		if ((n = scandir(argv[i], &ents, NULL, byname)) == -1) {
			perror(argv[i]);
			return 2;
		}
		for (j = 0; j < n; j++) {
			snprintf(path, sizeof(path), "%s/%s", argv[i],
			    ents[j]->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
				one(path);
			free(ents[j]);
		}
		free(ents);
	}
	printf("replayed %zu inputs\n", nrun);
	return 0;
}
