/**
 * bridge.exe's own name, version and icon in its Windows resources. node.exe's would make Task Manager,
 * the startup apps list and the file's properties say "Node.js JavaScript Runtime". Edited with resedit
 * on the unsigned copy, before the SEA blob is injected and before signing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as PELibrary from "pe-library";
import * as ResEdit from "resedit";

export interface Branding {
  productName: string;
  version: string;
  /** An .ico file's bytes. */
  icon: Buffer;
}

export function brandExecutable(exe: string, brand: Branding): void {
  const pe = PELibrary.NtExecutable.from(readFileSync(exe));
  const resources = PELibrary.NtExecutableResource.from(pe);
  const icons = ResEdit.Data.IconFile.from(brand.icon).icons.map((item) => item.data);
  for (const group of ResEdit.Resource.IconGroupEntry.fromEntries(resources.entries)) {
    ResEdit.Resource.IconGroupEntry.replaceIconsForResource(resources.entries, group.id, group.lang, icons);
  }
  const [info] = ResEdit.Resource.VersionInfo.fromEntries(resources.entries);
  if (!info) throw new Error(`${exe} has no version resource`);
  const [major = 0, minor = 0, patch = 0] = brand.version.split(".").map((part) => Number.parseInt(part, 10));
  for (const language of info.getAllLanguagesForStringValues()) {
    info.setFileVersion(major, minor, patch, 0, language.lang);
    info.setProductVersion(major, minor, patch, 0, language.lang);
    info.setStringValues(language, {
      CompanyName: "TelefUM",
      FileDescription: brand.productName,
      ProductName: brand.productName,
      InternalName: "bridge",
      OriginalFilename: "bridge.exe",
      LegalCopyright: "TelefUM. Node.js runtime: Copyright Node.js contributors, MIT license.",
    });
  }
  info.outputToResourceEntries(resources.entries);
  resources.outputResource(pe);
  writeFileSync(exe, Buffer.from(pe.generate()));
}

/** The exe's FileDescription, as Windows shows it (for the tests). */
export function fileDescription(exe: string): string | undefined {
  const pe = PELibrary.NtExecutable.from(readFileSync(exe), { ignoreCert: true });
  const [info] = ResEdit.Resource.VersionInfo.fromEntries(PELibrary.NtExecutableResource.from(pe).entries);
  const [language] = info?.getAllLanguagesForStringValues() ?? [];
  return language ? info?.getStringValues(language).FileDescription : undefined;
}
