/*
 * app-anchor: anchors of the audit chain.  The chain proves that no row
 * was changed without the rows after it being re-hashed; anyone with the
 * file can re-hash them.  An anchor -- the number of rows and the last
 * row's hash, written to a small file outside the database (at publish,
 * at backup, on demand) -- proves that the history up to it is the one
 * that was there when it was written: a rewritten past gives row N
 * another hash.  It proves nothing of rows after it, nor of an anchor
 * that was itself made up later (keep anchors where the database's
 * owner cannot change them: printed, mailed, on another machine).
 */
#include "app.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

#define ANCHOR_MAX_BYTES	4096

/* Where anchors go when no file is named (app_anchor_set_dir). */
static char	*app_anchor_folder;

void
app_anchor_set_dir(const char *dir)
{
	free(app_anchor_folder);
	app_anchor_folder = dir != NULL ? xstrdup(dir) : NULL;
}

const char *
app_anchor_dir(void)
{
	return app_anchor_folder;
}

/* The database's path as anchors name it (absolute, links resolved). */
static char *
app_anchor_db(struct store *st)
{
	char	*r = realpath(store_path(st), NULL);

	return r != NULL ? r : xstrdup(store_path(st));
}

int
app_anchor_write(struct store *st, const char *file, const char *why,
    char **written, char **cause)
{
	const char	*dir = app_anchor_folder;
	char		 hash[65], at[32], *db, *path, *tmp, *text, *base;
	long long	 rows;
	time_t		 t = time(NULL);
	struct tm	 tm;
	FILE		*fp;
	int		 rc, fd;

	*written = NULL;
	if (file == NULL && dir == NULL) {
		*cause = xstrdup(TR("no folder for anchors"));
		return APP_ERR;
	}
	if ((rc = store_audit_hash_at(st, 0, &rows, hash, cause)) !=
	    STORE_OK) {
		if (rc == STORE_NOTFOUND)
			*cause = xstrdup(TR("the audit log is empty: nothing to anchor"));
		return rc;
	}
	gmtime_r(&t, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	db = app_anchor_db(st);
	if (file != NULL)
		path = xstrdup(file);
	else {
		if (util_mkdirs(dir, 0700) != 0) {
			*cause = xasprintf("%s: %s", dir, strerror(errno));
			free(db);
			return APP_IOERR;
		}
		base = strrchr(db, '/') != NULL ? strrchr(db, '/') + 1 : db;
		path = xasprintf("%s/%s-%lld.anchor", dir, base, rows);
	}
	text = xasprintf("# cchc anchor: the head of an audit chain; keep it outside the database.\n"
	    "# cchc verify --anchor FILE proves the history up to it unchanged.\n"
	    "database %s\nrows %lld\nhash %s\nat %s\nwhy %s\n", db, rows,
	    hash, at, why);
	free(db);
	/* Written whole or not at all: a temporary file, fsync, rename. */
	tmp = xasprintf("%s.XXXXXX", path);
	rc = APP_IOERR;
	if ((fd = mkstemp(tmp)) < 0)
		*cause = xasprintf("%s: %s", path, strerror(errno));
	else if ((fp = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
	} else {
		if (fputs(text, fp) == EOF || fflush(fp) != 0 ||
		    fsync(fileno(fp)) != 0)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		else
			rc = APP_OK;
		if (fclose(fp) != 0 && rc == APP_OK) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			rc = APP_IOERR;
		}
		if (rc == APP_OK && rename(tmp, path) != 0) {
			*cause = xasprintf("%s: %s", path, strerror(errno));
			rc = APP_IOERR;
		}
		if (rc != APP_OK)
			unlink(tmp);
	}
	free(tmp);
	free(text);
	if (rc == APP_OK)
		*written = path;
	else
		free(path);
	return rc;
}

/* Read an anchor's fields; 0, or -1 with a problem added. */
static int
app_anchor_read(const char *file, char **db, long long *rows,
    char hash[65], struct errlist *problems)
{
	FILE	*fp = fopen(file, "r");
	char	 line[ANCHOR_MAX_BYTES], *end;
	int	 n = 0, have = 0, bad = 0;

	*db = NULL;
	*rows = 0;
	hash[0] = '\0';
	if (fp == NULL) {
		errlist_add(problems, file, 0, "%s", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		n++;
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "database ", 9) == 0) {
			free(*db);
			*db = xstrdup(line + 9);
		} else if (strncmp(line, "rows ", 5) == 0) {
			errno = 0;
			*rows = strtoll(line + 5, &end, 10);
			if (errno != 0 || *end != '\0' || *rows <= 0) {
				errlist_add(problems, file, n, TR("not a number of rows"));
				bad = 1;
				break;
			}
			have |= 1;
		} else if (strncmp(line, "hash ", 5) == 0) {
			if (strlen(line + 5) != 64 ||
			    strspn(line + 5, "0123456789abcdef") != 64) {
				errlist_add(problems, file, n, TR("not a SHA-256 in hex"));
				bad = 1;
				break;
			}
			memcpy(hash, line + 5, 65);
			have |= 2;
		}
	}
	fclose(fp);
	if (have != 3) {
		if (!bad)
			errlist_add(problems, file, 0, TR("not a cchc anchor (it needs the lines \"rows N\" and \"hash HEX\")"));
		free(*db);
		*db = NULL;
		return -1;
	}
	return 0;
}

int
app_anchor_check(struct store *st, const char *file,
    struct errlist *problems, char **cause)
{
	char		 want[65], got[65], *db;
	long long	 rows, have;
	int		 rc;

	if (app_anchor_read(file, &db, &rows, want, problems) != 0)
		return APP_OK;
	free(db);
	rc = store_audit_hash_at(st, rows, &have, got, cause);
	if (rc == STORE_NOTFOUND) {
		errlist_add(problems, file, 0, TR("the audit log has %lld rows, the anchor %lld: rows were cut off the end of the log"), have, rows);
		return APP_OK;
	}
	if (rc != STORE_OK)
		return rc;
	if (strcmp(got, want) != 0)
		errlist_add(problems, file, 0, TR("audit row %lld has the hash %.16s..., the anchor %.16s...: the history up to that row was rewritten"), rows, got, want);
	return APP_OK;
}

/* qsort: file names in order. */
static int
app_anchor_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
app_anchors_check(struct store *st, struct errlist *problems,
    size_t *checked, char **cause)
{
	const char	*dir = app_anchor_folder;
	DIR		*d;
	struct dirent	*e;
	char		**names = NULL, *db, *path, *adb, hash[65];
	size_t		 n = 0, i, len;
	long long	 rows;
	struct errlist	 ignore;
	int		 rc = APP_OK;

	*checked = 0;
	if (dir == NULL || (d = opendir(dir)) == NULL)
		return APP_OK;			/* no anchors yet */
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 7 && strcmp(e->d_name + len - 7, ".anchor") == 0) {
			names = xreallocarray(names, n + 1, sizeof *names);
			names[n++] = xstrdup(e->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, app_anchor_cmp);
	db = app_anchor_db(st);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		adb = NULL;
		errlist_init(&ignore);
		/* Only the anchors of this database. */
		if (rc == APP_OK && app_anchor_read(path, &adb, &rows, hash,
		    &ignore) == 0 && strcmp(adb, db) == 0) {
			rc = app_anchor_check(st, path, problems, cause);
			(*checked)++;
		}
		free(adb);
		errlist_clear(&ignore);
		free(path);
		free(names[i]);
	}
	free(names);
	free(db);
	return rc;
}

int
app_year_anchor(struct store *st, int year, long long *rows, char hash[65],
    char **cause)
{
	return store_year_published_row(st, year, rows, hash, cause);
}
