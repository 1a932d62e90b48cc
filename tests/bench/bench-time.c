/*
 * bench-time: run a command and print its wall time, its peak resident
 * memory and its exit status, stopping it at a budget.  What date(1),
 * time(1) and timeout(1) do together, in one process, so that the
 * figures of short steps are not those of starting three programs.
 *
 *	bench-time SECONDS OUT ERR COMMAND [ARG...]
 *
 * COMMAND's standard output goes to OUT, its standard error to ERR.
 * Prints "MICROSECONDS KIB STATUS": STATUS is the exit status, 124 when
 * the budget stopped the command (as timeout(1) says), 128+N when signal
 * N ended it; 127 when it could not be started.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE		/* wait4 */
#endif

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t	expired;

static void
on_alarm(int sig)
{
	(void)sig;
	expired = 1;
}

static long long
now_us(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int
redirect(const char *path, int fd)
{
	int	f;

	if ((f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		return -1;
	if (f != fd) {
		if (dup2(f, fd) == -1)
			return -1;
		close(f);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct sigaction	sa;
	struct rusage		ru;
	long long		t0, t1;
	pid_t			pid;
	int			status, rc, killed = 0;
	unsigned		budget;

	if (argc < 5) {
		fprintf(stderr, "usage: bench-time SECONDS OUT ERR COMMAND "
		    "[ARG...]\n");
		return 64;
	}
	budget = (unsigned)strtoul(argv[1], NULL, 10);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the alarm ends wait4 */
	sigaction(SIGALRM, &sa, NULL);

	t0 = now_us();
	if ((pid = fork()) == -1) {
		perror("bench-time: fork");
		return 71;
	}
	if (pid == 0) {
		/* Its own process group, so the budget stops its children. */
		setpgid(0, 0);
		if (redirect(argv[2], 1) == -1 || redirect(argv[3], 2) == -1)
			_exit(127);
		execvp(argv[4], argv + 4);
		_exit(127);
	}
	setpgid(pid, pid);
	if (budget > 0)
		alarm(budget);
	for (;;) {
		if (wait4(pid, &status, 0, &ru) == pid)
			break;
		if (errno != EINTR) {
			perror("bench-time: wait4");
			return 71;
		}
		if (expired && !killed) {
			kill(-pid, SIGTERM);
			kill(pid, SIGTERM);
			killed = 1;
			alarm(2);
			expired = 0;
		} else if (expired) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
		}
	}
	t1 = now_us();
	alarm(0);
	if (killed)
		rc = 124;
	else if (WIFEXITED(status))
		rc = WEXITSTATUS(status);
	else if (WIFSIGNALED(status))
		rc = 128 + WTERMSIG(status);
	else
		rc = 125;
	printf("%lld %ld %d\n", t1 - t0, ru.ru_maxrss, rc);
	return 0;
}
