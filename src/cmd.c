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
#include "text.h"
#include "util.h"

/* The longest message printed, in characters: a value it quotes is cut
 * where it is quoted, this only bounds the rest. */
#define CMD_MSG_MAX	2000

void
cmd_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	m = xvasprintf(fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: ", CMD_PROGNAME);
	cmd_errline(m);
	free(m);
}

void
cmd_errline(const char *msg)
{
	char	*safe = text_escape_term(msg, CMD_MSG_MAX, 0);

	fprintf(stderr, "%s\n", safe);
	free(safe);
}

void
cmd_print_safe(FILE *fp, const char *s)
{
	char	*safe = text_escape_term(s, 0, 1);

	fputs(safe, fp);
	free(safe);
}

int
cmd_usage(const struct cmd *c)
{
	fprintf(stderr, TR("usage: %s %s %s\n"), CMD_PROGNAME, c->name,
	    *c->usage != '\0' ? TR(c->usage) : "");
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
	cmd_error("%s", cause != NULL ? cause : TR("failed"));
	free(cause);
	return cmd_code(rc);
}

int
cmd_year(const char *s, int *year)
{
	char	*q;

	if (util_parse_uint(s, year) != 0 || *year < 1900 || *year > 9999) {
		q = text_escape_term(s, TEXT_ECHO_MAX, 0);
		cmd_error(TR("\"%s\" is not a year"), q);
		free(q);
		return -1;
	}
	return 0;
}

char *
cmd_db_path(struct cmd_ctx *ctx)
{
	char	*path, *cause = NULL;

	if (ctx->db != NULL)
		return xstrdup(ctx->db);
	if ((path = cmd_default_db(&cause)) == NULL)
		cmd_fail(APP_CANTOPEN, cause);
	return path;
}

/* Open the database in an app_open_mode; an exit code. */
static int
cmd_open_mode(struct cmd_ctx *ctx, int mode, struct store **st)
{
	char	*path, *cause = NULL, *user;
	int	 rc;

	if ((path = cmd_db_path(ctx)) == NULL)
		return EXIT_NOINPUT;
	if (mode != APP_OPEN_CREATE && access(path, F_OK) != 0) {
		cmd_error(TR("%s: no database here (start a year with: cchc init YEAR)"), path);
		free(path);
		return EXIT_NOINPUT;
	}
	user = cmd_user();
	rc = app_open(path, mode, user, st, &cause);
	free(user);
	free(path);
	if (rc != APP_OK) {
		if (rc == APP_CANTOPEN && mode == APP_OPEN_CREATE) {
			cmd_error("%s", cause);
			free(cause);
			return EXIT_CANTCREAT;
		}
		return cmd_fail(rc, cause);
	}
	return EXIT_OK;
}

int
cmd_open(struct cmd_ctx *ctx, int create, struct store **st)
{
	return cmd_open_mode(ctx, create ? APP_OPEN_CREATE : APP_OPEN_WRITE, st);
}

int
cmd_open_read(struct cmd_ctx *ctx, struct store **st)
{
	return cmd_open_mode(ctx, APP_OPEN_READ, st);
}

/* Open the database in an app_open_mode and load a year; an exit code. */
static int
cmd_load_mode(struct cmd_ctx *ctx, int mode, const char *year,
    const char *agency, struct store **st, struct app_year **y)
{
	char	*cause = NULL;
	int	 yr, code, rc;

	*st = NULL;
	*y = NULL;
	if (cmd_year(year, &yr) != 0)
		return EXIT_USAGE;
	if ((code = cmd_open_mode(ctx, mode, st)) != EXIT_OK)
		return code;
	if ((rc = (agency != NULL ? app_year_load_for(*st, yr, agency, y,
	    &cause) : app_year_load(*st, yr, y, &cause))) != APP_OK) {
		app_close(*st);
		*st = NULL;
		return cmd_fail(rc, cause);
	}
	return EXIT_OK;
}

int
cmd_load(struct cmd_ctx *ctx, const char *year, struct store **st,
    struct app_year **y)
{
	return cmd_load_mode(ctx, APP_OPEN_WRITE, year, NULL, st, y);
}

int
cmd_load_for(struct cmd_ctx *ctx, const char *year, const char *agency,
    struct store **st, struct app_year **y)
{
	return cmd_load_mode(ctx, APP_OPEN_WRITE, year, agency, st, y);
}

int
cmd_load_read(struct cmd_ctx *ctx, const char *year, struct store **st,
    struct app_year **y)
{
	return cmd_load_mode(ctx, APP_OPEN_READ, year, NULL, st, y);
}

int
cmd_output_open(const char *path, FILE **fp, char **tmp)
{
	struct stat	 sb;
	mode_t		 mask;
	char		*real = NULL;
	int		 fd = -1;

	*tmp = NULL;
	if (path == NULL || strcmp(path, "-") == 0) {
		*fp = stdout;
		return EXIT_OK;
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* A device or a pipe is written in place, never replaced. */
		if ((*fp = fopen(path, "w")) == NULL) {
			cmd_error("%s: %s", path, strerror(errno));
			return EXIT_CANTCREAT;
		}
		return EXIT_OK;
	}
	/* A link to a file: the file is replaced, the link stays. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
		real = realpath(path, NULL);
	*tmp = xasprintf("%s.XXXXXX", real != NULL ? real : path);
	free(real);
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
	char	*target;
	int	 code = EXIT_OK;

	if (tmp == NULL && fp == stdout) {
		if (fflush(fp) != 0 || ferror(fp)) {
			cmd_error(TR("standard output: %s"), strerror(errno));
			return EXIT_IOERR;
		}
		return EXIT_OK;
	}
	if (tmp == NULL) {
		if (fflush(fp) != 0 || ferror(fp)) {
			cmd_error("%s: %s", path, strerror(errno));
			code = EXIT_IOERR;
		}
		if (fclose(fp) != 0 && code == EXIT_OK) {
			cmd_error("%s: %s", path, strerror(errno));
			code = EXIT_IOERR;
		}
		return code;
	}
	if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
		cmd_error("%s: %s", path, strerror(errno));
		code = EXIT_IOERR;
	}
	if (fclose(fp) != 0 && code == EXIT_OK) {
		cmd_error("%s: %s", path, strerror(errno));
		code = EXIT_IOERR;
	}
	/* The temporary file is the target's name and ".XXXXXX". */
	target = xstrndup(tmp, strlen(tmp) - 7);
	if (code == EXIT_OK && ok && rename(tmp, target) != 0) {
		cmd_error("%s: %s", path, strerror(errno));
		code = EXIT_CANTCREAT;
	}
	free(target);
	if (code != EXIT_OK || !ok)
		unlink(tmp);
	free(tmp);
	return code;
}
