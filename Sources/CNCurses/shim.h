// The parts of ncursesw that Swift cannot import directly, as static inline functions.
//
// - NCURSES_WIDECHAR is defined here because SwiftPM drops pkg-config's -D flags.
// - A_* attributes, mouse masks and KEY_F(n) are macros Swift does not import.
// - stdscr, LINES, COLS and COLORS are mutable globals that Swift 6 rejects as not
//   concurrency-safe; accessors keep strict checking on for everything else.
// - wcwidth comes from glibc and is not visible through the module otherwise.
#ifndef MARKET_CNCURSES_SHIM_H
#define MARKET_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// Screen and size.
static inline WINDOW *market_stdscr(void) { return stdscr; }
static inline int market_lines(void) { return LINES; }
static inline int market_cols(void) { return COLS; }
static inline int market_colors(void) { return COLORS; }

// Attributes.
static inline attr_t market_a_normal(void) { return A_NORMAL; }
static inline attr_t market_a_bold(void) { return A_BOLD; }
static inline attr_t market_a_dim(void) { return A_DIM; }
static inline attr_t market_a_underline(void) { return A_UNDERLINE; }
static inline attr_t market_a_reverse(void) { return A_REVERSE; }
static inline attr_t market_a_italic(void) { return A_ITALIC; }

// Keys.
static inline int market_key_f(int n) { return KEY_F(n); }

// Mouse.
// Releases are asked for too, though the app ignores them: ncurses keeps a release it was not
// asked for in its queue and hands it out with the next key, as a second click where the mouse
// was (a row opened, a sort reversed, by a key pressed afterwards).
static inline mmask_t market_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int market_mouse_is_button1(mmask_t state) {
    return (state & (BUTTON1_PRESSED | BUTTON1_CLICKED)) != 0;
}
static inline int market_mouse_is_double_click(mmask_t state) {
    return (state & BUTTON1_DOUBLE_CLICKED) != 0;
}
static inline int market_mouse_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int market_mouse_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

// Bracketed paste: the terminal wraps pasted text in ESC [200~ … ESC [201~, which ncurses then
// reports as these two key codes (past the last key code it knows).
#define MARKET_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define MARKET_KEY_PASTE_END (KEY_MAX + 2)
static inline int market_key_paste_begin(void) { return MARKET_KEY_PASTE_BEGIN; }
static inline int market_key_paste_end(void) { return MARKET_KEY_PASTE_END; }
static inline void market_define_paste_keys(void) {
    define_key("\033[200~", MARKET_KEY_PASTE_BEGIN);
    define_key("\033[201~", MARKET_KEY_PASTE_END);
}

// A word left or right: Ctrl-← and Ctrl-→ (and Alt-← and Alt-→) as xterm and tmux send them,
// which terminfo does not name for every terminal.
#define MARKET_KEY_WORD_LEFT (KEY_MAX + 3)
#define MARKET_KEY_WORD_RIGHT (KEY_MAX + 4)
static inline int market_key_word_left(void) { return MARKET_KEY_WORD_LEFT; }
static inline int market_key_word_right(void) { return MARKET_KEY_WORD_RIGHT; }
static inline void market_define_word_keys(void) {
    define_key("\033[1;5D", MARKET_KEY_WORD_LEFT);
    define_key("\033[1;5C", MARKET_KEY_WORD_RIGHT);
    define_key("\033[1;3D", MARKET_KEY_WORD_LEFT);
    define_key("\033[1;3C", MARKET_KEY_WORD_RIGHT);
}

// Characters.
static inline int market_wcwidth(wchar_t c) { return wcwidth(c); }

// The terminal's size as the kernel knows it, for noticing a resize from another thread.
static inline int market_terminal_size(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

// Whether the current LC_CTYPE codeset is UTF-8.
static inline int market_codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == 0) return 0;
    return (codeset[0] == 'U' || codeset[0] == 'u') && (codeset[1] == 'T' || codeset[1] == 't')
        && (codeset[2] == 'F' || codeset[2] == 'f') && (codeset[3] == '-' ? codeset[4] == '8' : codeset[3] == '8');
}

#endif
