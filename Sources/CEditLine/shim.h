// Wrappers that let Swift 6 call libedit: el_set and history are variadic, and
// stdin/stdout/stderr are global variables strict concurrency rejects.
#ifndef WPS_CEDITLINE_SHIM_H
#define WPS_CEDITLINE_SHIM_H

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <histedit.h>

static inline EditLine *wps_el_init(const char *program) {
    setlocale(LC_CTYPE, "");
    return el_init(program, stdin, stdout, stderr);
}

static inline void wps_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) { el_set(el, EL_PROMPT, prompt); }
static inline void wps_el_set_editor(EditLine *el, const char *mode) { el_set(el, EL_EDITOR, mode); }
static inline void wps_el_set_history(EditLine *el, History *h) { el_set(el, EL_HIST, history, h); }
static inline void wps_el_set_clientdata(EditLine *el, void *data) { el_set(el, EL_CLIENTDATA, data); }
static inline void *wps_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline void wps_el_add_function(EditLine *el, const char *name, const char *help, unsigned char (*fn)(EditLine *, int)) {
    el_set(el, EL_ADDFN, name, help, fn);
}
static inline void wps_el_bind(EditLine *el, const char *key, const char *name) { el_set(el, EL_BIND, key, name, NULL); }
static inline void wps_el_signal(EditLine *el, int on) { el_set(el, EL_SIGNAL, on); }

static inline History *wps_history_init(int size) {
    History *h = history_init();
    HistEvent event;
    history(h, &event, H_SETSIZE, size);
    history(h, &event, H_SETUNIQUE, 1);
    return h;
}
static inline void wps_history_enter(History *h, const char *line) {
    HistEvent event;
    history(h, &event, H_ENTER, line);
}
static inline int wps_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}
static inline int wps_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

/// The history's entries, newest first: H_FIRST, then H_NEXT until NULL.
static inline const char *wps_history_first(History *h) {
    HistEvent event;
    return history(h, &event, H_FIRST) < 0 ? NULL : event.str;
}
static inline const char *wps_history_next(History *h) {
    HistEvent event;
    return history(h, &event, H_NEXT) < 0 ? NULL : event.str;
}
static inline void wps_history_clear(History *h) {
    HistEvent event;
    history(h, &event, H_CLEAR);
}

static inline FILE *wps_stdout(void) { return stdout; }


// Ctrl-C: a handler that only records the interrupt, so a blocked read returns (EINTR) and
// the shell can clear the line or cancel the running command instead of exiting.
static volatile sig_atomic_t wps_interrupted = 0;
static inline void wps_on_sigint(int signal) { (void)signal; wps_interrupted = 1; }
static inline void wps_install_sigint_handler(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = wps_on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: reads are interrupted
    sigaction(SIGINT, &action, NULL);
}
/// Whether Ctrl-C was pressed since the last call; clears the flag.
static inline int wps_take_interrupt(void) {
    int was = wps_interrupted;
    wps_interrupted = 0;
    return was;
}
static inline int wps_errno(void) { return errno; }


// Reads one character for libedit. SIGINT may be handled on another thread than the one
// blocked here, so instead of relying on EINTR this waits with poll() and gives up as soon as
// Ctrl-C has been pressed; el_gets then returns and the shell discards the line. UTF-8 is
// decoded with the locale set in wps_el_init.
static int wps_getc(EditLine *el, wchar_t *out) {
    (void)el;
    unsigned char bytes[4];
    int need = 1, have = 0;
    for (;;) {
        if (wps_interrupted) return -1;
        struct pollfd input = { .fd = STDIN_FILENO, .events = POLLIN, .revents = 0 };
        int ready = poll(&input, 1, 100);
        if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
        if (ready < 0) return -1;
        // Ctrl-C (ISIG) flushes the terminal's input queue: bytes poll() saw may be gone, and a
        // blocking read() would then wait for the next key with the interrupt unnoticed (the
        // signal may be handled on another thread, so read() is not interrupted either). So the
        // read never blocks: nothing there (EAGAIN) means poll again. A Ctrl-D typed while the
        // terminal was still in canonical mode (before libedit switched it, right after the
        // prompt) is no byte at all: poll() says ready and read() returns 0 — the end of input,
        // as the person meant. (Skipping reads when FIONREAD said 0 lost it: the shell spun.)
        int flags = fcntl(STDIN_FILENO, F_GETFL);
        int toggled = flags >= 0 && !(flags & O_NONBLOCK) && fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK) == 0;
        ssize_t count = read(STDIN_FILENO, bytes + have, 1);
        int saved = errno;
        if (toggled) fcntl(STDIN_FILENO, F_SETFL, flags);
        errno = saved;
        if (count == 0) return 0;
        if (count < 0) {
            if (errno == EAGAIN && (input.revents & (POLLHUP | POLLERR | POLLNVAL))) return 0;
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        if (have == 0) {
            unsigned char c = bytes[0];
            need = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        }
        have++;
        if (have == need) {
            mbstate_t state;
            memset(&state, 0, sizeof state);
            wchar_t decoded;
            size_t result = mbrtowc(&decoded, (const char *)bytes, (size_t)have, &state);
            *out = (result == (size_t)-1 || result == (size_t)-2) ? (wchar_t)bytes[0] : decoded;
            return 1;
        }
    }
}
static inline void wps_el_use_interruptible_reader(EditLine *el) { el_set(el, EL_GETCFN, wps_getc); }

// While editing, libedit reads Ctrl-C as a character; this key function ends the read the way
// the SIGINT handler does between reads.
static unsigned char wps_ctrl_c(EditLine *el, int ch) {
    (void)el; (void)ch;
    wps_interrupted = 1;
    return CC_EOF;
}
static inline void wps_el_bind_ctrl_c(EditLine *el) {
    el_set(el, EL_ADDFN, "wps-interrupt", "Discard the line", wps_ctrl_c);
    el_set(el, EL_BIND, "^C", "wps-interrupt", NULL);
}

#endif
