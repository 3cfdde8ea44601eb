/**
 * Size limits of everything that reaches the bridge, in one place. TelefUM's longest message is a CONTACT reply
 * with a few names and notes, or an SMS of 1,000 characters: 64 KiB is far above any real one, and far below what
 * costs memory. Every way in (WM_COPYDATA, stdio lines, WebSocket frames, HTTP bodies) refuses more before parsing.
 */
export const MAX_MESSAGE_LENGTH = 64 * 1024;

/** Bytes a transport needs to read at most to know a message is too long, whatever its encoding (≤ 4 per char). */
export const MAX_MESSAGE_READ_BYTES = MAX_MESSAGE_LENGTH * 4 + 4;

/**
 * What a CONTACT reply carries of each value, so the whole reply stays far under MAX_MESSAGE_LENGTH whatever a
 * contact holds (a 200,000-character note once went out): TelefUM shows a name and company on one line and a note
 * in a small box.
 */
export const MAX_REPLY_NAME_LENGTH = 255;
export const MAX_REPLY_COMPANY_LENGTH = 255;
export const MAX_REPLY_NOTE_LENGTH = 2_000;
