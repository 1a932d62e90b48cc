/*
 * cmd-env: where things are for the command layer — the default
 * database, the shipped forms and agency lists, and the user's name for
 * the audit log.  The environment is read here and nowhere below.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "paths.h"
#include "util.h"

char *
cmd_default_db(char **cause)
{
	const char	*x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	struct stat	 sb;
	char		*dir, *path;

	if (x != NULL && *x == '/')
		dir = xasprintf("%s/cchc", x);
	else if (home != NULL && *home != '\0')
		dir = xasprintf("%s/.local/share/cchc", home);
	else {
		*cause = xstrdup(TR("neither XDG_DATA_HOME nor HOME is set; name the database with --db FILE"));
		return NULL;
	}
	if (util_mkdirs(dir, 0700) != 0) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	/* An existing folder others may enter is made private too. */
	if (stat(dir, &sb) == 0 && sb.st_uid == geteuid() &&
	    (sb.st_mode & 077) != 0 && chmod(dir, 0700) != 0) {
		*cause = xasprintf("%s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/cchc.db", dir);
	free(dir);
	return path;
}

char *
cmd_data_dir(void)
{
	const char	*env = getenv("CCHC_DATADIR");
	char		 exe[PATH_MAX], *slash, *up;
	ssize_t		 n;

	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* Run from a source tree: ./cchc or build/cchc beside forms/. */
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if (util_has_dir(exe, "forms") && util_has_dir(exe, "data"))
				return xstrdup(exe);
			up = xasprintf("%s/..", exe);
			if (util_has_dir(up, "forms") && util_has_dir(up, "data")) {
				free(up);
				if ((slash = strrchr(exe, '/')) != NULL)
					*slash = '\0';
				return xstrdup(exe);
			}
			free(up);
		}
	}
	return xstrdup(CCHC_DATADIR);
}

/* The year a list applies from: NAME-YYYY.cfg gives YYYY, else 0. */
static int
cmd_agencies_from(const char *path)
{
	size_t	n = strlen(path), i;
	int	y = 0;

	if (n < 10 || strcmp(path + n - 4, ".cfg") != 0 || path[n - 9] != '-')
		return 0;
	for (i = n - 8; i < n - 4; i++) {
		if (path[i] < '0' || path[i] > '9')
			return 0;
		y = y * 10 + (path[i] - '0');
	}
	return y;
}

char *
cmd_default_agencies(const char *datadir, int year, char **cause)
{
	glob_t	 g;
	char	*pattern = xasprintf("%s/data/*.cfg", datadir), *r = NULL;
	size_t	 i, nplain = 0, plain = 0, best = 0;
	int	 from, bestfrom = 0;

	memset(&g, 0, sizeof g);
	if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc == 0) {
		*cause = xasprintf(TR("no agency list (*.cfg) in %s/data; name one with --agencies FILE"), datadir);
		goto out;
	}
	/* The dated list that applies latest at or before the year (any,
	 * for year 0), else the one undated list. */
	for (i = 0; i < g.gl_pathc; i++) {
		from = cmd_agencies_from(g.gl_pathv[i]);
		if (from == 0) {
			plain = i;
			nplain++;
		} else if ((year == 0 || from <= year) && from > bestfrom) {
			best = i;
			bestfrom = from;
		}
	}
	if (bestfrom != 0)
		r = xstrdup(g.gl_pathv[best]);
	else if (nplain == 1)
		r = xstrdup(g.gl_pathv[plain]);
	else {
		struct strbuf	b;

		strbuf_init(&b);
		for (i = 0; i < g.gl_pathc; i++)
			strbuf_printf(&b, "%s%s", i ? ", " : "", g.gl_pathv[i]);
		*cause = xasprintf(TR("several agency lists (%s): name one with --agencies FILE"), b.s);
		strbuf_clear(&b);
	}
out:
	globfree(&g);
	free(pattern);
	return r;
}

char *
cmd_user(void)
{
	const char	*u = getenv("CCHC_USER");
	struct passwd	*pw;

	if (u != NULL && *u != '\0')
		return xstrdup(u);
	if ((pw = getpwuid(getuid())) != NULL)
		return xstrdup(pw->pw_name);
	return xstrdup("unknown");
}

char *
cmd_anchor_dir(void)
{
	const char	*e = getenv("CCHC_ANCHORS"), *x = getenv("XDG_DATA_HOME");
	const char	*home = getenv("HOME");

	if (e != NULL && *e != '\0')
		return xstrdup(e);
	if (x != NULL && *x == '/')
		return xasprintf("%s/cchc/anchors", x);
	if (home != NULL && *home != '\0')
		return xasprintf("%s/.local/share/cchc/anchors", home);
	return xstrdup("cchc-anchors");
}
