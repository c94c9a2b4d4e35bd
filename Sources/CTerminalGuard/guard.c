#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "CTerminalGuard.h"

static const int termination_signals[] = {SIGTERM, SIGHUP, SIGQUIT, SIGINT};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT};
#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

static volatile int signal_pipe = -1;
static int signal_pipe_read = -1;
static struct termios saved_settings;
static volatile int settings_saved = 0;
static struct sigaction previous_termination[COUNT(termination_signals)];
static struct sigaction previous_crash[COUNT(crash_signals)];
/// Bracketed paste, mouse reporting (every mode ncurses may have asked for) off; cursor shown.
static const char reset_modes[] = "\033[?2004l\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?25h\r\n";

static void on_termination(int signal) {
    int saved_errno = errno;
    unsigned char number = (unsigned char)signal;
    if (signal_pipe >= 0) {
        ssize_t written = write(signal_pipe, &number, 1);
        (void)written;
    }
    errno = saved_errno;
}

static void on_crash(int signal, siginfo_t *info, void *context) {
    (void)context;
    if (settings_saved) tcsetattr(0, TCSANOW, &saved_settings);
    ssize_t written = write(1, reset_modes, sizeof reset_modes - 1);
    (void)written;
    // Returning faults again at the same instruction (and abort raises again), now for the
    // handler that was there before; a signal that was sent, or a trap, which returning would
    // step past, is raised again for it.
    for (unsigned i = 0; i < COUNT(crash_signals); i++) {
        if (crash_signals[i] == signal) sigaction(signal, &previous_crash[i], NULL);
    }
    if (signal == SIGTRAP || info == NULL || info->si_code <= 0) raise(signal);
}

int c_terminal_guard(void) {
    int ends[2];
    if (pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) return -1;
    if (tcgetattr(0, &saved_settings) == 0) settings_saved = 1;
    signal_pipe_read = ends[0];
    signal_pipe = ends[1];
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    action.sa_handler = on_termination;
    for (unsigned i = 0; i < COUNT(termination_signals); i++) {
        if (sigaction(termination_signals[i], &action, &previous_termination[i]) != 0) return -1;
    }
    action.sa_flags = SA_NODEFER | SA_SIGINFO;
    action.sa_sigaction = on_crash;
    for (unsigned i = 0; i < COUNT(crash_signals); i++) {
        if (sigaction(crash_signals[i], &action, &previous_crash[i]) != 0) return -1;
    }
    return signal_pipe_read;
}

void c_terminal_unguard(void) {
    for (unsigned i = 0; i < COUNT(termination_signals); i++) sigaction(termination_signals[i], &previous_termination[i], NULL);
    for (unsigned i = 0; i < COUNT(crash_signals); i++) sigaction(crash_signals[i], &previous_crash[i], NULL);
    if (signal_pipe >= 0) close(signal_pipe);
    if (signal_pipe_read >= 0) close(signal_pipe_read);
    signal_pipe = -1;
    signal_pipe_read = -1;
    settings_saved = 0;
}
