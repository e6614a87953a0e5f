// Where to save a file: the system's own save dialog (GTK's file chooser on
// Linux), which the app then writes to. `null`: the user cancelled.
import { save } from "@tauri-apps/plugin-dialog";
import { t } from "./i18n.svelte";

const FILTERS: Record<string, { name: () => string; extensions: string[] }> = {
  pdf: { name: () => t("files.pdf"), extensions: ["pdf"] },
  eml: { name: () => t("files.eml"), extensions: ["eml"] },
  txt: { name: () => t("files.txt"), extensions: ["txt"] },
  ics: { name: () => t("files.ics"), extensions: ["ics"] },
  backup: { name: () => t("files.backup"), extensions: ["rdbackup"] },
  csv: { name: () => t("files.csv"), extensions: ["csv"] },
  json: { name: () => t("files.json"), extensions: ["json"] },
  zip: { name: () => t("files.zip"), extensions: ["zip"] },
};

export async function saveDialog(suggested: string, kind: keyof typeof FILTERS): Promise<string | null> {
  const filter = FILTERS[kind]!;
  const path = await save({ defaultPath: suggested, filters: [{ name: filter.name(), extensions: filter.extensions }] });
  return path ?? null;
}
