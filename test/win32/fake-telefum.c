/*
 * A stand-in for TelefUM, built with mingw and run under Wine by test/win32/wine-e2e.test.ts.
 * It behaves like the VB6 program: a hidden top-level form window, its handle saved as a decimal
 * REG_SZ with SaveSetting semantics (HKCU\Software\VB and VBA Program Settings\TelefUM\SendMSG),
 * hwndProgr read from the same key, and WM_COPYDATA (dwData = WM_APP + 20000) carrying ANSI
 * cp1251 bytes without a terminating NUL. All Cyrillic below is written as cp1251 byte escapes,
 * so the bytes on the wire are exactly what a Russian/Ukrainian Windows VB6 program sends.
 *
 * Usage: fake-telefum.exe reset | read-progr | scenario | lookup | spec | hold | burst N | probe N PAUSE_MS
 *        | pair N PAUSE_MS HWND_A HWND_B
 * (several may follow each other; hold keeps the form open until the driver answers GO)
 * Output: one line per event; the test asserts on "PASS <step>" / "FAIL <step>: ..." / "RECV <text>";
 * "NESTED <step>" says the reply came while our own SendMessage was still in flight (and was taken).
 * "WAIT <what>" lines ask the driver to act; for PEER-* waits the driver answers "GO" on our stdin.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TELEFUM_ID (WM_APP + 20000)
#define KEY "Software\\VB and VBA Program Settings\\TelefUM\\SendMSG"
#define MAX_MSG 8192
#define QUEUE 64

static HWND g_form;
static int g_failures;
/* Set while our own SendMessage to the bridge is in flight: a reply that comes then is a nested sent message. */
static volatile int g_sending;
static int g_nested;

/* Received payloads, copied out of the WNDPROC (lpData is only valid during the call). */
static struct { char bytes[MAX_MSG]; DWORD len; } g_queue[QUEUE];
static int g_head, g_tail;

static LRESULT CALLBACK form_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam) {
    if (msg == WM_COPYDATA) {
        COPYDATASTRUCT *cds = (COPYDATASTRUCT *)lParam;
        if (cds->dwData != TELEFUM_ID) return FALSE;
        int next = (g_tail + 1) % QUEUE;
        if (next == g_head) return FALSE; /* full: the test will notice the missing reply */
        DWORD len = cds->cbData < MAX_MSG ? cds->cbData : MAX_MSG;
        memcpy(g_queue[g_tail].bytes, cds->lpData, len);
        g_queue[g_tail].len = len;
        g_tail = next;
        /* A VB6 form takes a sent message while its own SendMessage waits (Windows dispatches it there). */
        if (g_sending) g_nested++;
        return TRUE;
    }
    return DefWindowProcA(hwnd, msg, wParam, lParam);
}

/* Prints cp1251 bytes as UTF-8 so the Node side can compare strings. */
static void print_cp1251(const char *prefix, const char *bytes, DWORD len) {
    static WCHAR wide[MAX_MSG];
    static char utf8[MAX_MSG * 3];
    int n = MultiByteToWideChar(1251, 0, bytes, (int)len, wide, MAX_MSG);
    int m = WideCharToMultiByte(CP_UTF8, 0, wide, n, utf8, sizeof utf8 - 1, NULL, NULL);
    utf8[m] = 0;
    printf("%s%s\n", prefix, utf8);
}

static void pass(const char *step) { printf("PASS %s\n", step); }
static void fail(const char *step, const char *why) { printf("FAIL %s: %s\n", step, why); g_failures++; }

static void save_setting(const char *name, const char *value) {
    HKEY key;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, KEY, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL) != ERROR_SUCCESS) {
        fail("registry", "RegCreateKeyExA failed");
        return;
    }
    RegSetValueExA(key, name, 0, REG_SZ, (const BYTE *)value, (DWORD)strlen(value) + 1);
    RegCloseKey(key);
}

static void get_setting(const char *name, char *out, DWORD size) {
    DWORD type = 0, len = size;
    HKEY key;
    out[0] = 0;
    if (RegOpenKeyExA(HKEY_CURRENT_USER, KEY, 0, KEY_QUERY_VALUE, &key) != ERROR_SUCCESS) return;
    if (RegQueryValueExA(key, name, NULL, &type, (BYTE *)out, &len) != ERROR_SUCCESS || type != REG_SZ) out[0] = 0;
    else out[len < size ? len : size - 1] = 0;
    RegCloseKey(key);
}

static void publish_handle(HWND hwnd) {
    char text[32];
    /* VB6: SaveSetting "TelefUM", "SendMSG", "hwndTelefUM", CStr(Me.hWnd) -- a signed Long. */
    snprintf(text, sizeof text, "%ld", (long)(LONG_PTR)hwnd);
    save_setting("hwndTelefUM", text);
}

/* Runs the message loop for up to ms milliseconds or until a payload is queued. */
static int pump_until_message(DWORD ms) {
    DWORD start = GetTickCount();
    for (;;) {
        MSG m;
        while (PeekMessageA(&m, NULL, 0, 0, PM_REMOVE)) {
            TranslateMessage(&m);
            DispatchMessageA(&m);
        }
        if (g_head != g_tail) return 1;
        DWORD spent = GetTickCount() - start;
        if (spent >= ms) return 0;
        MsgWaitForMultipleObjects(0, NULL, FALSE, ms - spent, QS_ALLINPUT);
    }
}

/* Next payload into buf (NUL-terminated); 0 on timeout. */
static DWORD next_message(char *buf, DWORD ms) {
    if (g_head == g_tail && !pump_until_message(ms)) return 0;
    DWORD len = g_queue[g_head].len;
    memcpy(buf, g_queue[g_head].bytes, len);
    buf[len] = 0;
    g_head = (g_head + 1) % QUEUE;
    return len;
}

/* Set by "pair": the window to send to, instead of what hwndProgr names. */
static HWND g_target;

static HWND bridge_window(void) {
    char text[32];
    if (g_target) return IsWindow(g_target) ? g_target : NULL;
    get_setting("hwndProgr", text, sizeof text);
    HWND hwnd = (HWND)(LONG_PTR)strtol(text, NULL, 10);
    return hwnd && IsWindow(hwnd) ? hwnd : NULL;
}

/* VB6: CopyMemory into a byte array, then SendMessage hwndProgr, WM_COPYDATA, Me.hWnd, cds. */
static BOOL send_text(const char *bytes) {
    HWND target = bridge_window();
    if (!target) return FALSE;
    COPYDATASTRUCT cds = { TELEFUM_ID, (DWORD)strlen(bytes), (PVOID)bytes };
    g_sending = 1;
    SendMessageA(target, WM_COPYDATA, (WPARAM)g_form, (LPARAM)&cds);
    g_sending = 0;
    return TRUE;
}

/* Another program's WM_COPYDATA (another dwData): the bridge must leave it alone. */
static BOOL send_foreign(const char *bytes) {
    HWND target = bridge_window();
    if (!target) return FALSE;
    COPYDATASTRUCT cds = { 12345, (DWORD)strlen(bytes), (PVOID)bytes };
    SendMessageA(target, WM_COPYDATA, (WPARAM)g_form, (LPARAM)&cds);
    return TRUE;
}

static void expect_reply(const char *step, const char *request, const char *expected, DWORD ms) {
    char reply[MAX_MSG + 1];
    int nested = g_nested;
    if (!send_text(request)) { fail(step, "hwndProgr is not a window"); return; }
    /* Taken inside our own SendMessage: queued before it returned, accepted like any other reply. */
    if (g_nested > nested) printf("NESTED %s\n", step);
    DWORD len = next_message(reply, ms);
    if (!len) { fail(step, "no reply"); return; }
    print_cp1251("RECV ", reply, len);
    if (len == strlen(expected) && memcmp(reply, expected, len) == 0) pass(step);
    else fail(step, "reply bytes differ from the expected cp1251 bytes");
}

/* Waits for a message from the bridge that the driver triggers, and compares its bytes. */
static void expect_push(const char *step, const char *what, const char *expected, DWORD ms) {
    char got[MAX_MSG + 1];
    printf("WAIT %s\n", what);
    DWORD len = next_message(got, ms);
    if (!len) { fail(step, "nothing arrived"); return; }
    print_cp1251("RECV ", got, len);
    if (len == strlen(expected) && memcmp(got, expected, len) == 0) pass(step);
    else fail(step, "bytes differ from the expected cp1251 bytes");
}

/* Blocks until the driver writes a line on stdin (it has seen the bridge's reaction). */
static void wait_driver(const char *what) {
    char line[64];
    printf("WAIT %s\n", what);
    if (!fgets(line, sizeof line, stdin)) fail(what, "driver closed stdin");
}

static int wait_for_bridge(DWORD ms) {
    DWORD start = GetTickCount();
    while (!bridge_window()) {
        if (GetTickCount() - start > ms) return 0;
        Sleep(5); /* TelefUM may send the moment hwndProgr appears: so do we */
    }
    return 1;
}

/* The installed program on a fresh store (its demo contacts): one known and one unknown number, exact cp1251. */
static void lookups(void) {
    /* CONTACT^0675355355^1^1^Вася Петров^Агенство "Меридиан"^Хороший человек^1^ in cp1251 */
    expect_reply("contact-known", "CONTACT?^0675355355^1^1^",
                 "CONTACT^0675355355^1^1^"
                 "\xC2\xE0\xF1\xFF \xCF\xE5\xF2\xF0\xEE\xE2^"
                 "\xC0\xE3\xE5\xED\xF1\xF2\xE2\xEE \"\xCC\xE5\xF0\xE8\xE4\xE8\xE0\xED\"^"
                 "\xD5\xEE\xF0\xEE\xF8\xE8\xE9 \xF7\xE5\xEB\xEE\xE2\xE5\xEA^1^",
                 15000);
    expect_reply("contact-unknown", "CONTACT?^0939876543^2^1^", "NOCONTACT^0939876543^2^1^", 15000);
}

/* The spec's example only: what the native floor program (native-floor.c) must answer byte for byte, as the bridge. */
static void spec_reply(void) {
    expect_reply("contact-known", "CONTACT?^0675355355^1^1^",
                 "CONTACT^0675355355^1^1^"
                 "\xC2\xE0\xF1\xFF \xCF\xE5\xF2\xF0\xEE\xE2(\x85)^"
                 "\xC0\xE3\xE5\xED\xF1\xF2\xE2\xEE \"\xCC\xE5\xF0\xE8\xE4\xE8\xE0\xED\"(\x85)^"
                 "\xD5\xEE\xF0\xEE\xF8\xE8\xE9 \xF7\xE5\xEB\xEE\xE2\xE5\xEA(\x85)^23456, 23457, 23458^",
                 15000);
}

static void scenario(void) {
    char pending[MAX_MSG + 1];

    /* The spec's example, three contacts on one number, in cp1251 ((…) is 0x85):
       CONTACT^0675355355^1^1^Вася Петров(…)^Агенство "Меридиан"(…)^Хороший человек(…)^23456, 23457, 23458^ */
    expect_reply("contact-known", "CONTACT?^0675355355^1^1^",
                 "CONTACT^0675355355^1^1^"
                 "\xC2\xE0\xF1\xFF \xCF\xE5\xF2\xF0\xEE\xE2(\x85)^"
                 "\xC0\xE3\xE5\xED\xF1\xF2\xE2\xEE \"\xCC\xE5\xF0\xE8\xE4\xE8\xE0\xED\"(\x85)^"
                 "\xD5\xEE\xF0\xEE\xF8\xE8\xE9 \xF7\xE5\xEB\xEE\xE2\xE5\xEA(\x85)^23456, 23457, 23458^",
                 15000);
    /* Name "Оля 🌸 Квіти", company "Café «Квіти» – Zoë": the emoji goes, é/ë become e, « » – stay; never "?".
       CONTACT^0501234567^1^1^Оля Квіти^Cafe «Квіти» – Zoe^^23459^ */
    expect_reply("contact-emoji", "CONTACT?^0501234567^1^1^",
                 "CONTACT^0501234567^1^1^\xCE\xEB\xFF \xCA\xE2\xB3\xF2\xE8^"
                 "Cafe \xAB\xCA\xE2\xB3\xF2\xE8\xBB \x96 Zoe^^23459^",
                 15000);
    send_foreign("hello");
    expect_reply("contact-unknown", "CONTACT?^0939876543^2^1^", "NOCONTACT^0939876543^2^1^", 15000);

    /* No replies to these: the bridge handles them on its side (the test reads its log and store). */
    send_text("CARD^23456^");
    send_text("CREATECARD^0661234567^");
    /* Recording path C:\Записи\rec.wav in cp1251 */
    send_text("CALLHISTORY^0675355355^in^True^2026-11-25 09:05:00^0:03:27^C:\\\xC7\xE0\xEF\xE8\xF1\xE8\\rec.wav^");
    pass("sent-card-createcard-callhistory");

    /* The contact CREATECARD made is found now (its name is the bridge's business, so only the prefix is checked). */
    if (!send_text("CONTACT?^0661234567^1^2^")) fail("contact-created", "hwndProgr is not a window");
    else if (!next_message(pending, 15000)) fail("contact-created", "no reply");
    else {
        print_cp1251("RECV ", pending, (DWORD)strlen(pending));
        if (strncmp(pending, "CONTACT^0661234567^1^2^", 23) == 0) pass("contact-created");
        else fail("contact-created", "expected a CONTACT reply for the created card");
    }

    expect_push("call", "CALL", "CALL^0675355355^", 30000);
    /* SENDSMS^0675355355^Добрий день! Рахунок надіслано.^5^ (Ukrainian і is 0xB3 in cp1251) */
    expect_push("sendsms", "SENDSMS",
                "SENDSMS^0675355355^\xC4\xEE\xE1\xF0\xE8\xE9 \xE4\xE5\xED\xFC! "
                "\xD0\xE0\xF5\xF3\xED\xEE\xEA \xED\xE0\xE4\xB3\xF1\xEB\xE0\xED\xEE.^5^",
                30000);

    /* TelefUM gone: "0" in the registry. The driver makes the bridge dial and checks it reports PEER_UNAVAILABLE. */
    save_setting("hwndTelefUM", "0");
    wait_driver("PEER-ZERO");

    /* TelefUM crashed: a handle that is no longer a window. */
    HWND dead = CreateWindowExA(0, "ThunderRT6FormDC", "gone", 0, 0, 0, 0, 0, NULL, NULL, GetModuleHandleA(NULL), NULL);
    publish_handle(dead);
    DestroyWindow(dead);
    wait_driver("PEER-DEAD");

    /* Back again: the bridge must still be running and answering. */
    publish_handle(g_form);
    expect_reply("still-running", "CONTACT?^0675355355^3^2^",
                 "CONTACT^0675355355^3^2^"
                 "\xC2\xE0\xF1\xFF \xCF\xE5\xF2\xF0\xEE\xE2(\x85)^"
                 "\xC0\xE3\xE5\xED\xF1\xF2\xE2\xEE \"\xCC\xE5\xF0\xE8\xE4\xE8\xE0\xED\"(\x85)^"
                 "\xD5\xEE\xF0\xEE\xF8\xE8\xE9 \xF7\xE5\xEB\xEE\xE2\xE5\xEA(\x85)^23456, 23457, 23458^",
                 15000);
}

static int compare_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

/* Round trips one after another, as TelefUM does during a busy hour; latencies in microseconds. */
static void burst(int count) {
    LARGE_INTEGER freq, t0, t1;
    long long *lat = calloc((size_t)count, sizeof *lat);
    long long total = 0;
    int done = 0, errors = 0;
    char reply[MAX_MSG + 1];
    QueryPerformanceFrequency(&freq);
    for (int i = 0; i < count; i++) {
        QueryPerformanceCounter(&t0);
        if (!send_text("CONTACT?^0675355355^1^1^") || !next_message(reply, 10000)
            || strncmp(reply, "CONTACT^0675355355^1^1^", 23) != 0) {
            errors++;
            continue;
        }
        QueryPerformanceCounter(&t1);
        lat[done] = (t1.QuadPart - t0.QuadPart) * 1000000 / freq.QuadPart;
        total += lat[done++];
    }
    qsort(lat, (size_t)done, sizeof *lat, compare_ll);
    long long p50 = done ? lat[(done - 1) * 50 / 100] : 0, p99 = done ? lat[(done - 1) * 99 / 100] : 0;
    printf("BURST count=%d errors=%d p50_us=%lld p99_us=%lld mean_us=%lld\n",
           done, errors, p50, p99, done ? total / done : 0);
    if (errors) fail("burst", "some lookups got no reply");
    else pass("burst");
    free(lat);
}

/* One send, in microseconds: how long SendMessage blocked (TelefUM's UI thread waiting for the bridge to take it)
   and the whole round trip to the reply. */
static int timed_send(const char *text, char *reply, long long *blocked_us, long long *round_trip_us) {
    LARGE_INTEGER freq, t0, t1, t2;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&t0);
    if (!send_text(text)) return 0;
    QueryPerformanceCounter(&t1);
    if (!next_message(reply, 10000)) return 0;
    QueryPerformanceCounter(&t2);
    *blocked_us = (t1.QuadPart - t0.QuadPart) * 1000000 / freq.QuadPart;
    *round_trip_us = (t2.QuadPart - t0.QuadPart) * 1000000 / freq.QuadPart;
    return 1;
}

/* The first send after start (cold), then sends after idle pauses (the pump at rest): blocked and round trip. */
static void probe(int count, int pause_ms) {
    char reply[MAX_MSG + 1];
    long long first = -1, first_rt = -1;
    int first_ok = timed_send("CONTACT?^0675355355^1^1^", reply, &first, &first_rt);
    long long *idle = calloc((size_t)count, sizeof *idle), *idle_rt = calloc((size_t)count, sizeof *idle_rt);
    int done = 0;
    for (int i = 0; i < count; i++) {
        Sleep((DWORD)pause_ms);
        if (timed_send("CONTACT?^0675355355^1^1^", reply, &idle[done], &idle_rt[done])) done++;
    }
    qsort(idle, (size_t)done, sizeof *idle, compare_ll);
    qsort(idle_rt, (size_t)done, sizeof *idle_rt, compare_ll);
    printf("PROBE first_us=%lld first_rt_us=%lld idle_count=%d idle_p50_us=%lld idle_max_us=%lld "
           "idle_rt_p50_us=%lld idle_rt_max_us=%lld\n",
           first, first_rt, done, done ? idle[(done - 1) / 2] : 0, done ? idle[done - 1] : 0,
           done ? idle_rt[(done - 1) / 2] : 0, done ? idle_rt[done - 1] : 0);
    if (!first_ok || done != count) fail("probe", "some lookups got no reply");
    else pass("probe");
    free(idle);
    free(idle_rt);
}

/* Round trips to two windows in turn (the bridge and the native floor, both running): each pair of samples is taken
   under the same load, so their ratio holds on a busy machine. After a pause of pause_ms before each pair (0: none). */
static void pair(int count, int pause_ms, HWND a, HWND b) {
    char reply[MAX_MSG + 1];
    long long *lat[2] = { calloc((size_t)count, sizeof(long long)), calloc((size_t)count, sizeof(long long)) };
    HWND windows[2] = { a, b };
    int done[2] = { 0, 0 }, errors = 0;
    for (int i = 0; i < count; i++) {
        if (pause_ms > 0) Sleep((DWORD)pause_ms);
        for (int k = 0; k < 2; k++) {
            int w = (i + k) % 2; /* alternate which goes first */
            long long blocked, round_trip;
            g_target = windows[w];
            if (timed_send("CONTACT?^0675355355^1^1^", reply, &blocked, &round_trip)) lat[w][done[w]++] = round_trip;
            else errors++;
        }
    }
    g_target = NULL;
    qsort(lat[0], (size_t)done[0], sizeof(long long), compare_ll);
    qsort(lat[1], (size_t)done[1], sizeof(long long), compare_ll);
    printf("PAIR pause_ms=%d count=%d errors=%d a_p50_us=%lld b_p50_us=%lld\n", pause_ms, done[0], errors,
           done[0] ? lat[0][(done[0] - 1) / 2] : 0, done[1] ? lat[1][(done[1] - 1) / 2] : 0);
    if (errors) fail("pair", "some lookups got no reply");
    else pass("pair");
    free(lat[0]);
    free(lat[1]);
}

static HWND create_form(void) {
    WNDCLASSA wc = {0};
    wc.lpfnWndProc = form_proc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "ThunderRT6FormDC"; /* the class VB6 forms have */
    RegisterClassA(&wc);
    /* A VB6 form that is never shown: a real top-level window, just invisible. */
    return CreateWindowExA(0, wc.lpszClassName, "TelefUM", WS_OVERLAPPEDWINDOW, CW_USEDEFAULT, CW_USEDEFAULT, 400, 300,
                           NULL, NULL, wc.hInstance, NULL);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0); /* the driver reacts to lines as they come */
    for (int i = 1; i < argc; i++) {
        const char *mode = argv[i];
        if (!strcmp(mode, "reset")) {
            save_setting("hwndTelefUM", "0");
            save_setting("hwndProgr", "0");
            printf("RESET\n");
        } else if (!strcmp(mode, "read-progr")) {
            char text[32];
            get_setting("hwndProgr", text, sizeof text);
            printf("HWNDPROGR %s\n", text[0] ? text : "(missing)");
        } else if (!strcmp(mode, "hold")) {
            wait_driver("HOLD");
        } else if (!strcmp(mode, "scenario") || !strcmp(mode, "lookup") || !strcmp(mode, "burst")
                   || !strcmp(mode, "probe") || !strcmp(mode, "spec") || !strcmp(mode, "pair")) {
            if (!g_form) {
                g_form = create_form();
                if (!g_form) { printf("FAIL form: CreateWindowExA failed (error %lu)\n", GetLastError()); return 2; }
                publish_handle(g_form);
                if (!wait_for_bridge(60000)) { fail("bridge", "hwndProgr never became a window"); return 1; }
                char progr[32];
                get_setting("hwndProgr", progr, sizeof progr);
                printf("READY hwndTelefUM=%ld hwndProgr=%s\n", (long)(LONG_PTR)g_form, progr);
            }
            if (!strcmp(mode, "scenario")) scenario();
            else if (!strcmp(mode, "lookup")) lookups();
            else if (!strcmp(mode, "spec")) spec_reply();
            else if (!strcmp(mode, "pair") && i + 4 < argc) {
                int count = atoi(argv[i + 1]), pause_ms = atoi(argv[i + 2]);
                HWND a = (HWND)(LONG_PTR)strtol(argv[i + 3], NULL, 10);
                HWND b = (HWND)(LONG_PTR)strtol(argv[i + 4], NULL, 10);
                i += 4;
                pair(count, pause_ms, a, b);
            }
            else if (!strcmp(mode, "probe")) {
                int count = i + 1 < argc ? atoi(argv[++i]) : 20;
                probe(count, i + 1 < argc ? atoi(argv[++i]) : 300);
            } else burst(i + 1 < argc ? atoi(argv[++i]) : 1000);
        } else {
            printf("FAIL usage: unknown mode %s\n", mode);
            return 2;
        }
    }
    if (g_form) {
        save_setting("hwndTelefUM", "0"); /* VB6 Form_Unload */
        DestroyWindow(g_form);
    }
    printf("DONE failures=%d\n", g_failures);
    return g_failures ? 1 : 0;
}
