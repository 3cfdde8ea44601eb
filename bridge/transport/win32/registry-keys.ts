/** Where TelefUM (a VB6 program, SaveSetting "TelefUM", "SendMSG", …) and the bridge publish window handles. */
export const TELEFUM_SENDMSG_KEY = "Software\\VB and VBA Program Settings\\TelefUM\\SendMSG";
/** Our window, written by us: decimal HWND while running, "0" once gone. */
export const OUR_HANDLE_VALUE = "hwndProgr";
/** TelefUM's window, written by TelefUM; re-read before every send because TelefUM may restart. */
export const PEER_HANDLE_VALUE = "hwndTelefUM";
