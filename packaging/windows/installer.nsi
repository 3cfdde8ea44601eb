; TelefUM Outlook Bridge: a per-user installer (no administrator rights), built on Linux by build.ts:
;   makensis -INPUTCHARSET UTF8 -DVERSION=x.y.z -DSTAGE=<install folder> -DOUTFILE=<Setup.exe> installer.nsi
; amd64-unicode stubs: a 64-bit program, and the only stubs Debian's wine64 can run (tests).

Unicode true
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APP "TelefUM Outlook Bridge"
!define EXE "bridge.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\TelefUMOutlookBridge"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
; The bridge's data folder (bridge/config/config.ts defaultDataDir): contacts, call log, settings, sign-in.
!define DATA_DIR "$LOCALAPPDATA\${APP}"

; Appends `option "value"` to $InstallSettings when the command line ($R0) has /NAME=value.
!macro InstallSetting NAME OPTION
  StrCpy $R2 "${NAME}"
  Call OptionValue
  ${IfNot} ${Errors}
    StrCpy $InstallSettings '$InstallSettings ${OPTION} "$R1"'
  ${EndIf}
!macroend

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
BrandingText "${APP} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} Setup"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "TelefUM"

!ifdef SIGN_UNINSTALLER
  ; build.ts passes the osslsigncode command when a certificate is configured.
  !uninstfinalize `${SIGN_UNINSTALLER}`
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\welcome.html"
!define MUI_FINISHPAGE_SHOWREADME_TEXT "$(ShowWelcome)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default when Windows speaks none of them.
!insertmacro MUI_LANGUAGE "Ukrainian"
!insertmacro MUI_LANGUAGE "Russian"
!insertmacro MUI_LANGUAGE "English"
!include "installer-strings.nsh"

; Organisation settings for a central rollout (Setup.exe /S /CLIENTID=… /TENANT=… /TEAMSITE=… /LANG=…): handed to
; `bridge.exe install`, which merges them into the user's config.json (a per-user installer cannot write the policy
; keys; an administrator's policy values still decide over config.json).
Var InstallSettings

; $R1 = the value of option $R2 (such as "/TEAMSITE=") in the parameters $R0, up to the next " /" or the end, the
; quotes around it dropped; the error flag when the option is absent. Not GetOptions: it ends a value at any "/",
; so https://… would need quotes a deployment tool may not keep.
Function OptionValue
  ClearErrors
  StrLen $R3 $R2
  StrLen $R4 $R0
  StrCpy $R5 0
  find:
    IntCmp $R5 $R4 absent 0 absent
    StrCpy $R6 $R0 $R3 $R5
    StrCmp $R6 $R2 found
    IntOp $R5 $R5 + 1
    Goto find
  found:
    IntOp $R5 $R5 + $R3
    StrCpy $R1 ""
  take:
    StrCpy $R6 $R0 2 $R5
    StrCmp $R6 " /" taken
    StrCpy $R6 $R0 1 $R5
    StrCmp $R6 "" taken
    StrCpy $R1 "$R1$R6"
    IntOp $R5 $R5 + 1
    Goto take
  taken:
    StrCpy $R6 $R1 1
    StrCmp $R6 '"' 0 +2
      StrCpy $R1 $R1 -1 1
    Return
  absent:
    SetErrors
FunctionEnd

Function .onInit
  ${IfNot} ${AtLeastWin10}
    ; Silent too: the message goes to the log file, and the exit code tells the deployment tool.
    FileOpen $0 "$TEMP\${APP} Setup.log" w
    FileWriteUTF16LE /BOM $0 "$(NeedsWindows10)$\r$\n"
    FileClose $0
    MessageBox MB_ICONSTOP|MB_OK "$(NeedsWindows10)" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  StrCpy $InstallSettings ""
  ${GetParameters} $R0
  !insertmacro InstallSetting "/CLIENTID=" "--client-id"
  !insertmacro InstallSetting "/TENANT=" "--tenant"
  !insertmacro InstallSetting "/TEAMSITE=" "--team-site"
  !insertmacro InstallSetting "/TEAMLIST=" "--team-list"
  !insertmacro InstallSetting "/LANG=" "--language"
FunctionEnd

Section "-Install"
  ; An upgrade: stop the running bridge so its files can be replaced. The data folder is not touched.
  IfFileExists "$INSTDIR\${EXE}" 0 +2
    ExecWait '"$INSTDIR\${EXE}" --quit'
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\icons\connected.ico"
  WriteRegStr HKCU "${RUN_KEY}" "${APP}" '"$INSTDIR\${EXE}" --quiet'

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "TelefUM"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icons\connected.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1

  ; The localhost certificate (trusted for this user), the manifest for the bridge's port, the welcome page.
  ExecWait '"$INSTDIR\${EXE}" install --lang $(LangCode)$InstallSettings' $0
  ${If} $0 != "0"
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(SetupFailed)" /SD IDOK
    ; A refused /CLIENTID=, /TEAMSITE=, … (or no certificate): a silent rollout sees the exit code.
    SetErrorLevel 2
  ${EndIf}
SectionEnd

Section "un.$(UnProgram)" SecProgram
  SectionIn RO
  ; Stops the running bridge (it leaves hwndProgr = "0") and removes the certificate's trust.
  ExecWait '"$INSTDIR\${EXE}" uninstall'
  Delete "$SMPROGRAMS\${APP}.lnk"
  DeleteRegValue HKCU "${RUN_KEY}" "${APP}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  RMDir /r "$INSTDIR"
SectionEnd

; Unticked by default, and a silent uninstall keeps the data.
Section /o "un.$(UnData)" SecData
  RMDir /r "${DATA_DIR}"
SectionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "$(UnProgramDesc)"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecData} "$(UnDataDesc)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
