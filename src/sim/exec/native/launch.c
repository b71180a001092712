/*
 * The launcher of `uapi-gen sim exec`: makes the channel (a SOCK_SEQPACKET socket pair, which
 * Node cannot make), starts the simulator with its end on fd 3 and the program with the
 * other end, the lock file and LD_PRELOAD, then waits. The program's fate is the launcher's
 * exit status: its exit code, or 128 + the signal that killed it; 124 when it ran out of
 * time (it is then killed), 125 when the simulator stopped under it, 126/127 when it could
 * not be executed. Whoever kills the launcher kills both children (PR_SET_PDEATHSIG).
 *
 * usage: launch PRELOAD TIMEOUT_MS NSERVER SERVER-ARGV... PROGRAM ARGV...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* The simulator notices a dead process when a read waits this long (SO_RCVTIMEO). */
#define SIM_POLL_MS 200
/* The channel's descriptors in the program start here, out of the way of its own. */
#define PROGRAM_FD_BASE 700

static volatile sig_atomic_t timed_out;
static pid_t program = -1;

static void die(const char *what)
{
	fprintf(stderr, "uapi-gen sim exec: %s: %s\n", what, strerror(errno));
	exit(125);
}

static void on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
	if (program > 0)
		kill(program, SIGKILL);
}

static void forward(int sig)
{
	if (program > 0)
		kill(program, sig);
}

static void orphan_guard(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(125);
}

static pid_t start_simulator(int fd, char **argv, pid_t self)
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	orphan_guard(self);
	/* Its own process group: a ^C meant for the program does not stop the simulator. */
	setpgid(0, 0);
	/* dup2 onto itself would keep close-on-exec: clear it then. */
	if (fd == 3 ? fcntl(3, F_SETFD, 0) < 0 : dup2(fd, 3) < 0)
		_exit(125);
	execvp(argv[0], argv);
	fprintf(stderr, "uapi-gen sim exec: cannot start the simulator %s: %s\n", argv[0],
		strerror(errno));
	_exit(125);
}

static int high_fd(int fd)
{
	int moved = fcntl(fd, F_DUPFD, PROGRAM_FD_BASE);

	if (moved < 0)
		die("fcntl");
	close(fd);
	return moved;
}

static void set_fd_env(const char *name, int fd)
{
	char v[16];

	snprintf(v, sizeof v, "%d", fd);
	setenv(name, v, 1);
}

static void add_preload(const char *lib)
{
	const char *old = getenv("LD_PRELOAD");
	size_t n = strlen(lib) + (old ? strlen(old) : 0) + 2;
	char *v = malloc(n);

	if (!v)
		die("malloc");
	snprintf(v, n, "%s%s%s", lib, old && *old ? ":" : "", old && *old ? old : "");
	setenv("LD_PRELOAD", v, 1);
}

/* The lock every process of the program takes around an exchange: a robust shared mutex. */
static int make_lock(void)
{
	pthread_mutexattr_t attr;
	pthread_mutex_t *m;
	int fd = memfd_create("uapi-gen-sim-lock", 0);

	if (fd < 0 || ftruncate(fd, sizeof *m) < 0)
		return -1;
	m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return -1;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
	if (pthread_mutex_init(m, &attr))
		return -1;
	munmap(m, sizeof *m);
	return fd;
}

static pid_t start_program(int fd, const char *lib, char **argv, pid_t self)
{
	pid_t pid = fork();
	int lock;

	if (pid != 0)
		return pid;
	orphan_guard(self);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	lock = make_lock();
	if (lock < 0)
		_exit(125);
	set_fd_env("UAPI_GEN_SIM_FD", high_fd(fd));
	set_fd_env("UAPI_GEN_SIM_LOCK_FD", high_fd(lock));
	add_preload(lib);
	execvp(argv[0], argv);
	fprintf(stderr, "uapi-gen sim exec: %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* A simulator that ended by a signal or a non-zero status failed: say how, once. */
static int sim_failed_with(int st)
{
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	fprintf(stderr, "uapi-gen sim exec: the simulator stopped (%s %d)\n",
		WIFSIGNALED(st) ? "signal" : "status", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	return 1;
}

/* Reaps the simulator once the program is gone; 1 when it had failed by itself. */
static int stop_simulator(pid_t sim)
{
	int st;
	/* It ends by itself when the last process holding the channel is gone; else it is told. */
	for (int i = 0; i < 100; i++) {
		if (waitpid(sim, &st, WNOHANG) == sim)
			return i < 20 ? sim_failed_with(st) : 0;
		if (i == 20)
			kill(sim, SIGTERM);
		usleep(10000);
	}
	kill(sim, SIGKILL);
	waitpid(sim, NULL, 0);
	return 0;
}

int main(int argc, char **argv)
{
	pid_t self = getpid(), sim;
	int sv[2], status = 0, sim_failed = 0, nserver;
	long timeout_ms;
	int size = 1 << 20;
	struct timeval poll_every = { 0, SIM_POLL_MS * 1000 };
	struct sigaction sa = { 0 };

	if (argc < 5) {
		fprintf(stderr, "usage: %s PRELOAD TIMEOUT_MS NSERVER SERVER-ARGV... PROGRAM ARGV...\n",
			argv[0]);
		return 125;
	}
	timeout_ms = strtol(argv[2], NULL, 10);
	nserver = atoi(argv[3]);
	if (nserver < 1 || 4 + nserver >= argc) {
		fprintf(stderr, "uapi-gen sim exec: bad launcher arguments\n");
		return 125;
	}
	orphan_guard(getppid());
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		die("socketpair");
	for (int i = 0; i < 2; i++) {
		setsockopt(sv[i], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
		setsockopt(sv[i], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	}
	setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &poll_every, sizeof poll_every);

	signal(SIGINT, SIG_IGN); /* the terminal sends ^C to the program itself */
	signal(SIGQUIT, SIG_IGN);
	char **server = malloc(sizeof(char *) * (size_t)(nserver + 1));
	if (!server)
		die("malloc");
	memcpy(server, argv + 4, sizeof(char *) * (size_t)nserver);
	server[nserver] = NULL;
	sim = start_simulator(sv[0], server, self);
	if (sim < 0)
		die("fork");
	sa.sa_handler = forward;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	program = start_program(sv[1], argv[1], argv + 4 + nserver, self);
	if (program < 0)
		die("fork");
	close(sv[0]);
	close(sv[1]);
	if (timeout_ms > 0) {
		struct itimerval t = { { 0, 0 }, { timeout_ms / 1000, (timeout_ms % 1000) * 1000 } };
		setitimer(ITIMER_REAL, &t, NULL);
	}
	for (;;) {
		int st;
		pid_t p = waitpid(-1, &st, 0);
		if (p < 0) {
			if (errno == EINTR)
				continue;
			die("waitpid");
		}
		if (p == program) {
			status = st;
			break;
		}
		/*
		 * The simulator ends cleanly at EOF on its channel, which comes when the program's
		 * files are closed as it exits: it may be reaped before the program is. Only a
		 * signal or a non-zero status means it stopped under a running program.
		 */
		if (p == sim) {
			sim = -1;
			if (sim_failed_with(st)) {
				sim_failed = 1;
				kill(program, SIGKILL);
			}
		}
	}
	program = -1;
	if (sim > 0 && stop_simulator(sim))
		sim_failed = 1;
	if (timed_out) {
		fprintf(stderr, "uapi-gen sim exec: the program ran out of time (%ld ms)\n", timeout_ms);
		return 124;
	}
	if (sim_failed)
		return 125;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
