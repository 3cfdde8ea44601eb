/*
 * The floor for the bridge's Win32 figures (bench/win32-burst.ts), built with mingw and run under Wine in the same
 * prefix as the bridge: a native program doing only what the spec asks of our side. A message-only window whose
 * handle it publishes as hwndProgr; on WM_COPYDATA (dwData 52768) carrying CONTACT?^number^device^line^ it re-reads
 * hwndTelefUM from the registry and answers, by WM_COPYDATA, the spec's fixed three-contact reply for that number.
 * No lookup, no logging: whatever the bridge spends beyond this is its own cost.
 *
 * Usage: native-floor.exe inside | after
 *   inside: the reply is sent from the window procedure, while TelefUM's SendMessage is still in progress;
 *   after:  the window procedure only copies the text; the reply goes once it has returned (a posted message).
 * Prints "READY hwndProgr=N" once published; ends (hwndProgr back to "0") when its stdin closes.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define TELEFUM_ID (WM_APP + 20000)
#define KEY "Software\\VB and VBA Program Settings\\TelefUM\\SendMSG"
#define WM_REPLY (WM_APP + 1)
#define MAX_MSG 8192

static HWND g_window;
static int g_inside;
static char g_request[MAX_MSG + 1];

/* The spec's example after number^device^line^ (cp1251; (…) is 0x85):
   Вася Петров(…)^Агенство "Меридиан"(…)^Хороший человек(…)^23456, 23457, 23458^ */
static const char TAIL[] = "\xC2\xE0\xF1\xFF \xCF\xE5\xF2\xF0\xEE\xE2(\x85)^"
                           "\xC0\xE3\xE5\xED\xF1\xF2\xE2\xEE \"\xCC\xE5\xF0\xE8\xE4\xE8\xE0\xED\"(\x85)^"
                           "\xD5\xEE\xF0\xEE\xF8\xE8\xE9 \xF7\xE5\xEB\xEE\xE2\xE5\xEA(\x85)^23456, 23457, 23458^";

static void save_progr(const char *value) {
    HKEY key;
    if (RegCreateKeyExA(HKEY_CURRENT_USER, KEY, 0, NULL, 0, KEY_SET_VALUE, NULL, &key, NULL) != ERROR_SUCCESS) return;
    RegSetValueExA(key, "hwndProgr", 0, REG_SZ, (const BYTE *)value, (DWORD)strlen(value) + 1);
    RegCloseKey(key);
}

/* Read again for every reply, as the spec asks: TelefUM may have restarted with a new window. */
static HWND telefum_window(void) {
    char text[32];
    DWORD size = sizeof text;
    if (RegGetValueA(HKEY_CURRENT_USER, KEY, "hwndTelefUM", RRF_RT_REG_SZ, NULL, text, &size) != ERROR_SUCCESS)
        return NULL;
    return (HWND)(LONG_PTR)strtol(text, NULL, 10);
}

/* CONTACT^ + the request's number^device^line^ + the fixed tail. */
static void reply(void) {
    const char *fields = g_request + 9; /* after "CONTACT?^" */
    const char *end = fields;
    for (int carets = 0; *end && carets < 3; end++)
        if (*end == '^') carets++;
    static char text[MAX_MSG + sizeof TAIL + 16];
    int len = snprintf(text, sizeof text, "CONTACT^%.*s%s", (int)(end - fields), fields, TAIL);
    HWND peer = telefum_window();
    if (!peer) return;
    COPYDATASTRUCT cds = { TELEFUM_ID, (DWORD)len, text };
    DWORD_PTR result;
    SendMessageTimeoutA(peer, WM_COPYDATA, (WPARAM)g_window, (LPARAM)&cds, SMTO_ABORTIFHUNG, 5000, &result);
}

static LRESULT CALLBACK window_proc(HWND hwnd, UINT msg, WPARAM wParam, LPARAM lParam) {
    if (msg == WM_COPYDATA) {
        COPYDATASTRUCT *cds = (COPYDATASTRUCT *)lParam;
        if (cds->dwData != TELEFUM_ID || cds->cbData > MAX_MSG || cds->cbData < 9) return FALSE;
        if (memcmp(cds->lpData, "CONTACT?^", 9) != 0) return TRUE;
        memcpy(g_request, cds->lpData, cds->cbData);
        g_request[cds->cbData] = 0;
        if (g_inside) reply();
        else PostMessageA(hwnd, WM_REPLY, 0, 0);
        return TRUE;
    }
    if (msg == WM_REPLY) {
        reply();
        return 0;
    }
    if (msg == WM_DESTROY) PostQuitMessage(0);
    return DefWindowProcA(hwnd, msg, wParam, lParam);
}

/* The driver ends us by closing stdin. */
static DWORD WINAPI watch_stdin(LPVOID unused) {
    char line[64];
    (void)unused;
    while (fgets(line, sizeof line, stdin)) {}
    PostMessageA(g_window, WM_CLOSE, 0, 0);
    return 0;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    g_inside = argc > 1 && !strcmp(argv[1], "inside");
    WNDCLASSA wc = {0};
    wc.lpfnWndProc = window_proc;
    wc.hInstance = GetModuleHandleA(NULL);
    wc.lpszClassName = "TelefUMNativeFloor";
    RegisterClassA(&wc);
    g_window = CreateWindowExA(0, wc.lpszClassName, "", 0, 0, 0, 0, 0, HWND_MESSAGE, NULL, wc.hInstance, NULL);
    if (!g_window) {
        printf("FAIL window: error %lu\n", GetLastError());
        return 2;
    }
    char text[32];
    snprintf(text, sizeof text, "%ld", (long)(LONG_PTR)g_window);
    save_progr(text);
    printf("READY hwndProgr=%s mode=%s\n", text, g_inside ? "inside" : "after");
    CreateThread(NULL, 0, watch_stdin, NULL, 0, NULL);
    MSG m;
    while (GetMessageA(&m, NULL, 0, 0) > 0) {
        TranslateMessage(&m);
        DispatchMessageA(&m);
    }
    save_progr("0");
    printf("DONE\n");
    return 0;
}
