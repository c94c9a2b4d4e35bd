#ifndef C_TERMINAL_GUARD_H
#define C_TERMINAL_GUARD_H

/// Guards the terminal against a program that ends other than by quitting, with what only
/// async-signal-safe C can do from a signal handler.
///
/// - SIGTERM, SIGHUP, SIGQUIT and SIGINT (sent by `kill`, `timeout`, a closed window) write their
///   number to a pipe whose other end the program watches, to end as if the user had quit: its
///   own restore runs, on its own thread.
/// - A crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT) gives the terminal back as it
///   was when this was called, modes the program turned on off, then hands the signal to the
///   handler before this one (the Swift runtime's backtracer, or the default action).
///
/// Call before ncurses takes the terminal over (it saves standard input's settings then), and
/// `c_terminal_unguard` once the terminal is restored. Returns the pipe's end to read a signal's
/// number from (a byte), or -1 with errno.
int c_terminal_guard(void);
void c_terminal_unguard(void);

#endif
