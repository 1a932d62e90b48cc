/* cmd: what the commands share: opening the database, exit codes, output. */
#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "util.h"

void
cmd_error(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", CMD_PROGNAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cmd_usage(const struct cmd *c)
{
	fprintf(stderr, "usage: %s %s %s\n", CMD_PROGNAME, c->name, c->usage);
	return EXIT_USAGE;
}

int
cmd_code(int rc)
{
	switch (rc) {
	case APP_OK:
		return EXIT_OK;
	case APP_BUSY:
	case APP_CONFLICT:
		return EXIT_BUSY;
	case APP_IOERR:
	case APP_ERR:
		return EXIT_IOERR;
	case APP_LOCKED:
		return EXIT_LOCKED;
	case APP_CANTOPEN:
		return EXIT_NOINPUT;
	case APP_NOTFOUND:
	case APP_EXISTS:
	case APP_NOTOURS:
	case APP_BADINPUT:
	default:
		return EXIT_DATAERR;
	}
}

int
cmd_fail(int rc, char *cause)
{
	cmd_error("%s", cause != NULL ? cause : "failed");
	free(cause);
	return cmd_code(rc);
}

int
cmd_year(const char *s, int *year)
{
	if (util_parse_uint(s, year) != 0 || *year < 1900 || *year > 9999) {
		cmd_error("\"%s\" is not a year", s);
		return -1;
	}
	return 0;
}

int
cmd_open(struct cmd_ctx *ctx, int create, struct store **st)
{
	char	*path, *cause = NULL, *user;
	int	 rc;

	if (ctx->db != NULL)
		path = xstrdup(ctx->db);
	else if ((path = cmd_default_db(&cause)) == NULL)
		return cmd_fail(APP_CANTOPEN, cause);
	if (!create && access(path, F_OK) != 0) {
		cmd_error("%s: no database here (start a year with: cchc init YEAR)", path);
		free(path);
		return EXIT_NOINPUT;
	}
	user = cmd_user();
	rc = app_open(path, create, user, st, &cause);
	free(user);
	free(path);
	if (rc != APP_OK) {
		if (rc == APP_CANTOPEN && create) {
			cmd_error("%s", cause);
			free(cause);
			return EXIT_CANTCREAT;
		}
		return cmd_fail(rc, cause);
	}
	return EXIT_OK;
}

int
cmd_load(struct cmd_ctx *ctx, const char *year, struct store **st,
    struct app_year **y)
{
	char	*cause = NULL;
	int	 yr, code, rc;

	*st = NULL;
	*y = NULL;
	if (cmd_year(year, &yr) != 0)
		return EXIT_USAGE;
	if ((code = cmd_open(ctx, 0, st)) != EXIT_OK)
		return code;
	if ((rc = app_year_load(*st, yr, y, &cause)) != APP_OK) {
		app_close(*st);
		*st = NULL;
		return cmd_fail(rc, cause);
	}
	return EXIT_OK;
}

int
cmd_output_open(const char *path, FILE **fp, char **tmp)
{
	mode_t	mask;
	int	fd = -1;

	*tmp = NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		*fp = stdout;
		return EXIT_OK;
	}
	*tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(*tmp)) < 0 || (*fp = fdopen(fd, "w")) == NULL) {
		cmd_error("%s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return EXIT_CANTCREAT;
	}
	/* mkstemp makes 0600; an output file gets the usual mode. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	return EXIT_OK;
}

int
cmd_output_close(const char *path, FILE *fp, char *tmp, int ok)
{
	int	code = EXIT_OK;

	if (tmp == NULL) {
		if (fflush(fp) != 0 || ferror(fp)) {
			cmd_error("standard output: %s", strerror(errno));
			return EXIT_IOERR;
		}
		return EXIT_OK;
	}
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
		cmd_error("%s: %s", path, strerror(errno));
		code = EXIT_IOERR;
	}
	if (fclose(fp) != 0 && code == EXIT_OK) {
		cmd_error("%s: %s", path, strerror(errno));
		code = EXIT_IOERR;
	}
	if (code == EXIT_OK && ok && rename(tmp, path) != 0) {
		cmd_error("%s: %s", path, strerror(errno));
		code = EXIT_CANTCREAT;
	}
	if (code != EXIT_OK || !ok)
		unlink(tmp);
	free(tmp);
	return code;
}
