/* store-backup: an online, fsynced copy of the database. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store-int.h"
#include "store.h"
#include "util.h"

/*
 * Copy every page of st into dst; an SQLite result.  A step that makes no
 * progress (busy, locked, or restarted by a writer) is retried for about
 * the busy timeout, then the copy gives up with SQLITE_BUSY.
 */
static int
store_backup_copy(struct store *st, sqlite3 *dst)
{
	sqlite3_backup	*bk;
	int		 rc, frc, left, best = -1, stalls = 0;
	int		 limit = store_busy_ms() / 20 + 10;

	if ((bk = sqlite3_backup_init(dst, "main", st->db, "main")) == NULL)
		return sqlite3_extended_errcode(dst);
	while ((rc = sqlite3_backup_step(bk, 256)) == SQLITE_OK ||
	    rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		left = sqlite3_backup_remaining(bk);
		if (rc == SQLITE_OK && (best < 0 || left < best)) {
			best = left;
			stalls = 0;
		} else if (++stalls > limit) {
			rc = SQLITE_BUSY;
			break;
		}
		if (rc != SQLITE_OK)
			sqlite3_sleep(20);
	}
	/* finish gives the error of a failed step too. */
	frc = sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE)
		return rc;
	return frc;
}

/* Remove path and the files SQLite keeps beside it that were not there
 * before (had: bit 0 -journal, 1 -wal, 2 -shm). */
static void
store_backup_unlink(const char *path, int had)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm" };
	char	*p;
	size_t	 i;

	unlink(path);
	for (i = 0; i < UTIL_ARRAY_LEN(suffix); i++) {
		if (had & (1 << i))
			continue;
		p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

int
store_backup(struct store *st, const char *path, char **cause)
{
	sqlite3		*dst = NULL;
	int		 rc, fd, had;

	if (access(path, F_OK) == 0) {
		*cause = xasprintf(TR("%s: already exists; cchc does not overwrite a backup"), path);
		return STORE_EXISTS;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return STORE_CANTOPEN;
	}
	close(fd);
	had = store_exists_with(path, "-journal") |
	    store_exists_with(path, "-wal") << 1 |
	    store_exists_with(path, "-shm") << 2;
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = store_backup_copy(st, dst);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, dst != NULL &&
		    sqlite3_extended_errcode(dst) == rc ?
		    sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		(void)sqlite3_close(dst);
		store_backup_unlink(path, had);
		return (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) ==
		    SQLITE_FULL ? STORE_IOERR : (rc & 0xff) == SQLITE_BUSY ||
		    (rc & 0xff) == SQLITE_LOCKED ? STORE_BUSY : STORE_ERR;
	}
	/* Close the copy, then make it durable. */
	if ((rc = sqlite3_close(dst)) != SQLITE_OK) {
		*cause = xasprintf("%s: %s", path, sqlite3_errstr(rc));
		store_backup_unlink(path, had);
		return STORE_ERR;
	}
	if ((fd = open(path, O_RDONLY)) < 0 || fsync(fd) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		store_backup_unlink(path, had);
		return STORE_IOERR;
	}
	close(fd);
	return STORE_OK;
}
