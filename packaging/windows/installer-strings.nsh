; Every text of the installer that NSIS's own language files do not provide, in its three languages.
; LangCode picks the language of what the bridge writes at install (the welcome page).
; Unticked, "Remove my data" keeps the data folder for the next install.

LangString LangCode ${LANG_UKRAINIAN} "uk"
LangString LangCode ${LANG_RUSSIAN} "ru"
LangString LangCode ${LANG_ENGLISH} "en"

LangString ShowWelcome ${LANG_UKRAINIAN} "Відкрити сторінку «Як додати TelefUM до Outlook»"
LangString ShowWelcome ${LANG_RUSSIAN} "Открыть страницу «Как добавить TelefUM в Outlook»"
LangString ShowWelcome ${LANG_ENGLISH} "Open the page “How to add TelefUM to Outlook”"

LangString SetupFailed ${LANG_UKRAINIAN} "Не вдалося підготувати сертифікат чи маніфест. Подробиці — у журналі мосту."
LangString SetupFailed ${LANG_RUSSIAN} "Не удалось подготовить сертификат или манифест. Подробности — в журнале моста."
LangString SetupFailed ${LANG_ENGLISH} "Could not prepare the certificate or the manifest: see the bridge's log."

LangString UnProgram ${LANG_UKRAINIAN} "Програма"
LangString UnProgram ${LANG_RUSSIAN} "Программа"
LangString UnProgram ${LANG_ENGLISH} "Program"

LangString UnProgramDesc ${LANG_UKRAINIAN} "Програма, автозапуск, ярлик і довіра до її сертифіката."
LangString UnProgramDesc ${LANG_RUSSIAN} "Программа, автозапуск, ярлык и доверие к её сертификату."
LangString UnProgramDesc ${LANG_ENGLISH} "The program, its autostart, shortcut and certificate trust."

LangString UnData ${LANG_UKRAINIAN} "Видалити мої дані"
LangString UnData ${LANG_RUSSIAN} "Удалить мои данные"
LangString UnData ${LANG_ENGLISH} "Remove my data"

LangString UnDataDesc ${LANG_UKRAINIAN} "Контакти, журнал дзвінків, налаштування, вхід у Microsoft 365."
LangString UnDataDesc ${LANG_RUSSIAN} "Контакты, журнал звонков, настройки, вход в Microsoft 365."
LangString UnDataDesc ${LANG_ENGLISH} "Contacts, call log, settings, the Microsoft 365 sign-in."

LangString NeedsWindows10 ${LANG_UKRAINIAN} "TelefUM Outlook Bridge працює у Windows 10 і новіших. На цьому компʼютері старіша Windows, тому встановлення скасовано."
LangString NeedsWindows10 ${LANG_RUSSIAN} "TelefUM Outlook Bridge работает в Windows 10 и новее. На этом компьютере более старая Windows, поэтому установка отменена."
LangString NeedsWindows10 ${LANG_ENGLISH} "TelefUM Outlook Bridge needs Windows 10 or later. This PC runs an older Windows, so nothing was installed."
