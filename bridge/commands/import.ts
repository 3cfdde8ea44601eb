/** `bridge import <file>`: contacts from a vCard or CSV file into the index; the demo contacts then go. */
import { openStore } from "../app/open-store.js";
import { ConfigError } from "../config/config-checks.js";
import { loadConfig } from "../config/config.js";
import { removeDemoContacts } from "../directory/demo-contacts.js";
import { importContactsFile } from "../directory/import/import-file.js";
import { overridesFrom, type Values } from "./options.js";

export function importFile(values: Values, file: string | undefined): number {
  if (!file) throw new ConfigError("import needs a file: bridge import contacts.vcf");
  const config = loadConfig(overridesFrom(values));
  const { db, directory } = openStore(config);
  try {
    const result = importContactsFile(directory, db, file);
    process.stdout.write(`imported ${result.imported} contact(s) from ${result.file} (${result.format})\n`);
    const demo = result.imported > 0 ? removeDemoContacts(directory) : 0;
    if (demo > 0) process.stdout.write(`removed the ${demo} demo contacts\n`);
    for (const skip of result.skipped) process.stdout.write(`skipped ${skip.name || "(no name)"}: ${skip.reason}\n`);
  } finally {
    db.close();
  }
  return 0;
}
