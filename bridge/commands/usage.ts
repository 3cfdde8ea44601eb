export const USAGE = `usage: bridge <command> [options]

commands:
  start                 run the bridge (TelefUM transport + local web server for the add-in)
  lookup <number>       print the exact reply TelefUM would get for CONTACT?^number^1^1^
  import <file>         import contacts from a vCard (.vcf) or CSV file
  simulate <message>    send one message as TelefUM to a running bridge (simulator transport) and print the replies
  signin                sign in to Microsoft 365 (device code; --browser for the system browser), sync, print status
  status                print the Microsoft 365 status (sign-in, sync, call outbox)
  manifest              print manifest.xml for the configured port (--port; --out FILE writes it)
  install               (Windows installer) localhost certificate trusted for this user, manifest, welcome page
  uninstall             (Windows uninstaller) stop the bridge (hwndProgr = 0), remove the certificate's trust
  report                the calls report of a period (--from/--to YYYY-MM-DD, default this month; --team for the
                        team's copy; --format table|csv|xlsx|json; --out FILE)
  --quit                (Windows) stop the running bridge and wait until it has

options:
  --home DIR            data folder (default: per-user app data; env TELEFUM_BRIDGE_HOME)
  --transport KIND      auto | win32 | simulator | stdio (default auto: win32 on Windows, simulator elsewhere)
  --encoding ENC        cp1251 | utf16le | utf8 (default cp1251; stdio: utf8 unless given)
  --region CC           default country for numbers without a country code (default UA)
  --port N              local web server port (default 3000; env TELEFUM_BRIDGE_PORT)
  --no-http             do not start the local web server
  --no-demo             do not seed demo contacts into an empty store
  --control-stdin       (start) each stdin line CALL^…^ / SENDSMS^…^ / SENDSMSSHABL^…^ is sent to TelefUM
  --device N --line N   (lookup) the phone and line to answer for (default 1, 1)
  --quiet               (start, Windows) no message box when a bridge already runs (autostart, scripts)
  --lang uk|ru|en       (install) the welcome page's language; (report) the report's language
  --client-id ID --tenant T --team-site URL --team-list NAME --language uk|ru|en
                        (install) merged into config.json (Setup.exe /CLIENTID= /TENANT= /TEAMSITE= /LANG=)
`;
