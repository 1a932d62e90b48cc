/*
 * report-out: where a report goes, for the command line and the screens
 * alike: a format's writer, an output file written atomically, and the
 * print command.  Nothing here prints to a terminal: messages come back
 * as causes, and the print command's own output is kept for the caller.
 */
#include "report.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi.h"
#include "paths.h"
#include "util.h"

int
report_default_width(enum report_kind k)
{
	return k == REPORT_AREAS || k == REPORT_SHEET ? 132 : 80;
}

/*
 * The XLSX and PDF writers live in a module of their own, cchc-out.so,
 * loaded the first time one is needed: libxlsxwriter, pango, cairo and
 * what they pull in (glib, fontconfig, freetype, X11's libraries, 40 in
 * all) took 15 ms of every start of cchc, two thirds of a command's
 * time and most of the time to the first screen, for output most runs
 * never make.
 *
 * Where: $CCHC_LIBDIR when set; else beside a built program (build/cchc,
 * build-san/cchc), or in build/ when the program is ./cchc of a source
 * tree (forms/ and data/ beside it); else where make install put it.  A
 * module is code: one that others could have written (not owned by the
 * user or root, or in a folder others may write to) is refused, and one
 * built from other headers than the program's is refused by its ABI mark.
 */
typedef int (*report_writer)(FILE *, const struct rdoc *,
    const struct report_out *, char **);

/* NULL when path (a file) and its folder are the user's or root's and
 * nobody else may write to them (a group may when it is the user's own:
 * with a umask of 002 and a group per user, what make builds is group
 * writable); else why not. */
static char *
report_module_unsafe(const char *path)
{
	char		*dir = xstrdup(path), *slash, *why = NULL;
	struct stat	 sb;
	int		 i;

	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	for (i = 0; i < 2 && why == NULL; i++) {
		const char	*p = i == 0 ? path : dir;

		if (stat(p, &sb) != 0)
			why = xasprintf("%s: %s", p, strerror(errno));
		else if ((sb.st_uid != geteuid() && sb.st_uid != 0) ||
		    (sb.st_mode & S_IWOTH) != 0 || ((sb.st_mode & S_IWGRP) !=
		    0 && sb.st_gid != getegid()))
			why = xasprintf(TR("%s: refused, others may write to it"),
			    p);
	}
	free(dir);
	return why;
}

/* The module's two writers, found when it is loaded. */
static report_writer	report_xlsx, report_pdf;

/* POSIX: a data pointer from dlsym may be a function's. */
static report_writer
report_sym(void *m, const char *name)
{
	void		*sym = dlsym(m, name);
	report_writer	 w = NULL;

	if (sym != NULL)
		memcpy(&w, &sym, sizeof w);
	return w;
}

/* Load the module once: 0, or -1 with *cause. */
static int
report_module(char **cause)
{
	static void	*mod;
	const char	*env = getenv("CCHC_LIBDIR"), *mark;
	char		 exe[PATH_MAX], *dir, *tries[3], *why = NULL;
	void		*m;
	ssize_t		 n;
	size_t		 i, nt = 0;

	if (mod != NULL)
		return 0;
	if (env != NULL && *env != '\0')
		tries[nt++] = xasprintf("%s/" REPORT_MODULE, env);
	else {
		if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
			exe[n] = '\0';
			if ((dir = strrchr(exe, '/')) != NULL) {
				*dir = '\0';
				tries[nt++] = xasprintf("%s/" REPORT_MODULE, exe);
				if (util_has_dir(exe, "forms") &&
				    util_has_dir(exe, "data"))
					tries[nt++] = xasprintf("%s/build/"
					    REPORT_MODULE, exe);
			}
		}
		tries[nt++] = xstrdup(CCHC_LIBDIR "/" REPORT_MODULE);
	}
	for (i = 0; i < nt && mod == NULL && why == NULL; i++) {
		if (access(tries[i], F_OK) != 0)
			continue;
		/* The first one there is the one: its fault is the message. */
		if ((why = report_module_unsafe(tries[i])) != NULL)
			break;
		if ((m = dlopen(tries[i], RTLD_NOW | RTLD_LOCAL)) == NULL) {
			why = xstrdup(dlerror());
			break;
		}
		mark = dlsym(m, "report_module_abi");
		if (mark == NULL || strcmp(mark, REPORT_MODULE_ABI) != 0) {
			why = xasprintf(TR("%s was built with another cchc (rebuild with make, or reinstall)"), tries[i]);
			dlclose(m);
			break;
		}
		if ((report_xlsx = report_sym(m, "report_write_xlsx")) == NULL ||
		    (report_pdf = report_sym(m, "report_write_pdf")) == NULL) {
			why = xasprintf("%s: %s", tries[i], dlerror());
			dlclose(m);
			break;
		}
		mod = m;
	}
	if (mod == NULL && why == NULL) {
		why = xstrdup(tries[0]);
		for (i = 1; i < nt; i++) {
			dir = xasprintf("%s, %s", why, tries[i]);
			free(why);
			why = dir;
		}
		dir = xasprintf(TR("not found (looked for %s)"), why);
		free(why);
		why = dir;
	}
	if (mod == NULL)
		*cause = xasprintf(TR("XLSX and PDF output need the module %s: %s"),
		    REPORT_MODULE, why);
	free(why);
	for (i = 0; i < nt; i++)
		free(tries[i]);
	return mod != NULL ? 0 : -1;
}

int
report_format_ready(enum report_format fmt, char **cause)
{
	*cause = NULL;
	if (fmt != REPORT_XLSX && fmt != REPORT_PDF)
		return REPORT_OK;
	return report_module(cause) == 0 ? REPORT_OK : REPORT_ENOMODULE;
}

int
report_write(FILE *fp, const struct rdoc *d, const struct report_out *o,
    char **cause)
{
	switch (o->fmt) {
	case REPORT_TEXT:
		return report_write_text(fp, d, o);
	case REPORT_CSV:
		return report_write_csv(fp, d, o->bom);
	default:
		if (report_module(cause) != 0)
			return -1;
		return (o->fmt == REPORT_XLSX ? report_xlsx : report_pdf)(fp,
		    d, o, cause);
	}
}

/* The file in place: a device or a pipe, written as it is. */
static int
report_save_inplace(const char *path, int (*write)(FILE *, void *,
    char **), void *arg, char **cause)
{
	FILE	*fp;
	int	 rc = REPORT_OK;

	if ((fp = fopen(path, "w")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return REPORT_ECREATE;
	}
	if (write(fp, arg, cause) != 0 || fflush(fp) != 0 || ferror(fp)) {
		if (*cause == NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = REPORT_EIO;
	}
	if (fclose(fp) != 0 && rc == REPORT_OK) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = REPORT_EIO;
	}
	return rc;
}

int
report_save(const char *path, int (*write)(FILE *, void *, char **),
    void *arg, char **cause)
{
	struct stat	 sb;
	mode_t		 mask;
	FILE		*fp = NULL;
	char		*real = NULL, *tmp, *target;
	int		 fd, rc = REPORT_OK;

	*cause = NULL;
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return report_save_inplace(path, write, arg, cause);
	/* A link to a file: the file is replaced, the link stays. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
		real = realpath(path, NULL);
	target = xstrdup(real != NULL ? real : path);
	free(real);
	tmp = xasprintf("%s.XXXXXX", target);
	if ((fd = mkstemp(tmp)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		free(target);
		return REPORT_ECREATE;
	}
	/* mkstemp makes 0600; an output file gets the usual mode. */
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	if (write(fp, arg, cause) != 0) {
		if (*cause == NULL)
			*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = REPORT_EIO;
	}
	if (rc == REPORT_OK && (fflush(fp) != 0 || ferror(fp) ||
	    fsync(fileno(fp)) != 0)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = REPORT_EIO;
	}
	if (fclose(fp) != 0 && rc == REPORT_OK) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = REPORT_EIO;
	}
	if (rc == REPORT_OK && rename(tmp, target) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		rc = REPORT_ECREATE;
	}
	if (rc != REPORT_OK)
		unlink(tmp);
	free(tmp);
	free(target);
	return rc;
}

struct report_doc_arg {
	const struct rdoc	*d;
	const struct report_out	*o;
};

static int
report_doc_write(FILE *fp, void *arg, char **cause)
{
	struct report_doc_arg	*a = arg;

	return report_write(fp, a->d, a->o, cause);
}

int
report_save_doc(const char *path, const struct rdoc *d,
    const struct report_out *o, char **cause)
{
	struct report_doc_arg	a = { d, o };

	return report_save(path, report_doc_write, &a, cause);
}

const char *
report_print_command(void)
{
	const char	*s = getenv("CCHC_PRINT");

	return s != NULL && *s != '\0' ? s : "lp";
}

/* 1 when prog can be run: a path that is executable, or found on PATH. */
static int
report_print_found(const char *prog)
{
	const char	*path, *p, *e;
	char		*f;
	int		 ok = 0;

	if (strchr(prog, '/') != NULL)
		return access(prog, X_OK) == 0;
	if ((path = getenv("PATH")) == NULL)
		path = "/usr/bin:/bin";
	for (p = path; !ok; p = e + 1) {
		e = strchr(p, ':');
		if (e == NULL)
			e = p + strlen(p);
		f = xasprintf("%.*s/%s", (int)(e - p), e > p ? p : ".", prog);
		ok = access(f, X_OK) == 0;
		free(f);
		if (*e == '\0')
			break;
	}
	return ok;
}

int
report_print_ready(char **cause)
{
	const char	*prog = report_print_command();

	*cause = NULL;
	if (report_print_found(prog))
		return REPORT_OK;
	*cause = xasprintf(TR("no print system: the print command \"%s\" is not installed (install cups-client, or set CCHC_PRINT; or write a PDF file instead)"), prog);
	return REPORT_ENOPRINT;
}

/* Read all of fd into a string (at most 64 KiB kept). */
static char *
report_read_all(int fd)
{
	struct strbuf	 b;
	char		 buf[1024], *out;
	ssize_t		 n;
	size_t		 kept = 0;

	strbuf_init(&b);
	for (;;) {
		n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (kept < 65536) {
			strbuf_add(&b, buf, (size_t)n);
			kept += (size_t)n;
		}
	}
	out = strbuf_steal(&b);
	/* One line for a message: no trailing newlines. */
	n = (ssize_t)strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return out;
}

/*
 * Run the print command on file, its standard output and error into
 * *said, its standard input empty (a closed pipe): nothing of it reaches
 * the terminal, which a screen may own.
 */
static int
report_print_run(const char *prog, const struct report_print_opts *po,
    const char *file, char **said, char **cause)
{
	char	 n[16];
	char	*argv[10], *out;
	int	 a = 0, status, pout[2], pin[2];
	pid_t	 pid;

	snprintf(n, sizeof n, "%d", po->copies);
	argv[a++] = (char *)prog;
	if (po->printer != NULL && *po->printer != '\0') {
		argv[a++] = (char *)"-d";
		argv[a++] = (char *)po->printer;
	}
	argv[a++] = (char *)"-n";
	argv[a++] = n;
	argv[a++] = (char *)"-t";
	argv[a++] = (char *)(po->title != NULL ? po->title : "cchc");
	argv[a++] = (char *)"--";
	argv[a++] = (char *)file;
	argv[a] = NULL;
	if (pipe(pout) != 0)
		goto fail;
	if (pipe(pin) != 0) {
		close(pout[0]);
		close(pout[1]);
		goto fail;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		close(pout[0]);
		close(pout[1]);
		close(pin[0]);
		close(pin[1]);
		goto fail;
	}
	if (pid == 0) {
		close(pout[0]);
		close(pin[1]);
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(pout[1], 2);
		execvp(prog, argv);
		dprintf(2, "%s: %s\n", prog, strerror(errno));
		_exit(127);
	}
	close(pin[0]);
	close(pin[1]);
	close(pout[1]);
	out = report_read_all(pout[0]);
	close(pout[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			free(out);
			goto fail;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		*cause = xasprintf(TR("the print command %s failed (status %d)%s%s; nothing was printed"), prog,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1,
		    *out != '\0' ? ": " : "", out);
		free(out);
		return REPORT_EPRINT;
	}
	if (said != NULL)
		*said = out;
	else
		free(out);
	return REPORT_OK;
fail:
	*cause = xasprintf(TR("print: %s"), strerror(errno));
	return REPORT_EIO;
}

int
report_print(const struct rdoc *d, const struct report_print_opts *po,
    char **said, char **cause)
{
	struct report_out	 o;
	const char		*dir;
	char			*file;
	FILE			*fp;
	int			 fd, rc;

	*cause = NULL;
	if (said != NULL)
		*said = NULL;
	if ((rc = report_print_ready(cause)) != REPORT_OK)
		return rc;
	memset(&o, 0, sizeof o);
	o.fmt = REPORT_PDF;
	o.progress = po->progress;
	if ((dir = getenv("TMPDIR")) == NULL || *dir == '\0')
		dir = "/tmp";
	file = xasprintf("%s/cchc-print.XXXXXX", dir);
	if ((fd = mkstemp(file)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s: %s", file, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(file);
		}
		free(file);
		return REPORT_ECREATE;
	}
	rc = report_write(fp, d, &o, cause) != 0 ? REPORT_EIO : REPORT_OK;
	if (rc == REPORT_OK && (fflush(fp) != 0 || ferror(fp)))
		rc = REPORT_EIO;
	if (fclose(fp) != 0 && rc == REPORT_OK)
		rc = REPORT_EIO;
	if (rc != REPORT_OK && *cause == NULL)
		*cause = xasprintf("%s: %s", file, strerror(errno));
	if (rc == REPORT_OK)
		rc = report_print_run(report_print_command(), po, file, said,
		    cause);
	unlink(file);
	free(file);
	return rc;
}
