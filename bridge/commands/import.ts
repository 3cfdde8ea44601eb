/** `bridge import <file>`: contacts from a vCard or CSV file into the index, with its progress; demo contacts go. */
import { openStore } from "../app/open-store.js";
import { ConfigError } from "../config/config-checks.js";
import { loadConfig } from "../config/config.js";
import { removeDemoContacts } from "../directory/demo-contacts.js";
import { ContactFileError } from "../directory/import/import-error.js";
import { importContactsFile } from "../directory/import/import-file.js";
import { translator } from "../i18n/i18n.js";
import { systemLanguage } from "../i18n/language.js";
import { overridesFrom, type Values } from "./options.js";
import { progressBar } from "./progress-bar.js";

export function importFile(values: Values, file: string | undefined): number {
  if (!file) throw new ConfigError("import needs a file: bridge import contacts.vcf");
  const config = loadConfig(overridesFrom(values));
  const t = translator(values.lang ? systemLanguage(values.lang) : config.language);
  const { db, directory } = openStore(config);
  try {
    const progress = progressBar(process.stdout, t, t.t("import.label"));
    let result: ReturnType<typeof importContactsFile>;
    try {
      result = importContactsFile(directory, db, file, (p) =>
        progress.update(p.imported, p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 1),
      );
    } catch (error) {
      if (!(error instanceof ContactFileError)) throw error;
      progress.finish();
      process.stderr.write(`${t.t(error.key, error.params)}\n`);
      return 1;
    }
    progress.finish();
    const say = (key: string, params: Record<string, string | number>): void => {
      process.stdout.write(`${t.t(key, params)}\n`);
    };
    say("import.done", { count: result.imported, shown: t.number(result.imported), file: result.file });
    const demo = result.imported > 0 ? removeDemoContacts(directory) : 0;
    if (demo > 0) say("import.demoRemoved", { count: demo });
    for (const skip of result.skipped) {
      const name = skip.name || t.t("import.noName");
      say(skip.line === undefined ? "import.skipped" : "import.skippedLine", { name, line: skip.line ?? 0 });
    }
    const more = result.skippedCount - result.skipped.length;
    if (more > 0) say("import.skippedMore", { count: more, shown: t.number(more) });
  } finally {
    db.close();
  }
  return 0;
}
