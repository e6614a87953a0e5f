// The app's own words in three languages. Fails on: a key missing or empty
// in a catalog, placeholders that differ from English, a German or French
// string left in English, and text in a screen's markup or script that does
// not go through `t` (read with Svelte's own parser and TypeScript's).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "svelte/compiler";
import ts from "typescript";
import { en } from "./i18n/en";
import { de } from "./i18n/de";
import { fr } from "./i18n/fr";
import { formatDate, fromSystem, setLocale, t } from "./i18n.svelte";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

// Words that are the same in the other language (checked by a person, not assumed).
const SAME: Record<string, Set<string>> = {
  de: new Set(["mail.port", "composer.person", "letter.text", "person.name", "gate.passphrase", "controller.web", "files.txt", "import.tcf", "period.from_to", "platform.channel.fax", "policy.not_fetched", "common.source_url", "org.name", "org.website"]),
  fr: new Set(["keys.ctrl", "mail.port", "person.email_n", "people.email", "people.notes", "import.source", "import.tcf", "period.from_to", "common.source", "claim.note", "platform.channel.fax", "platform.channel.email", "common.source_url", "report.project_description", "report.quartiles", "files.zip"]),
};

describe("catalogs", () => {
  for (const [name, catalog] of [["de", de], ["fr", fr]] as const) {
    it(`${name} has every key, none empty, the same placeholders, none left in English`, () => {
      const missing = Object.keys(en).filter((k) => !(k in catalog));
      expect(missing).toEqual([]);
      const extra = Object.keys(catalog).filter((k) => !(k in en));
      expect(extra).toEqual([]);
      for (const [key, text] of Object.entries(en)) {
        const other = (catalog as Record<string, string>)[key]!;
        expect(other.trim(), `${name} ${key}`).not.toBe("");
        expect(placeholders(other), `${name} ${key}`).toEqual(placeholders(text));
        if (other === text && /\p{L}{2,}/u.test(text) && !SAME[name]!.has(key)) {
          throw new Error(`${name} ${key} is still English: ${text}`);
        }
      }
    });
  }

  it("follows the OS language, fills placeholders and writes dates the language's way", () => {
    expect(fromSystem(["de-AT", "en-US"])).toBe("de");
    expect(fromSystem(["pt-BR", "fr-CA"])).toBe("fr");
    expect(fromSystem(["ja"])).toBe("en");
    setLocale("de");
    expect(t("guide.done.due", { day: formatDate("2027-01-04") })).toBe("Die Antwort ist fällig bis 4. Jan. 2027.");
    setLocale("fr");
    expect(formatDate("2027-01-04")).toBe("4 janv. 2027");
    setLocale("en");
    expect(formatDate("2027-01-04")).toBe("4 Jan 2027");
    expect(formatDate("2023-07")).toBe("July 2023");
  });
});

// ---- text that does not go through t() ----

const SRC = join(import.meta.dirname, "..");
function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (name.endsWith(".svelte") || (name.endsWith(".ts") && !name.endsWith(".test.ts"))) out.push(path);
  }
  return out;
}
/** Files whose strings are not the UI's words. */
const NOT_UI = ["lib/bindings.ts", "lib/i18n/en.ts", "lib/i18n/de.ts", "lib/i18n/fr.ts", "main.ts", "lib/api.ts"];
/** Attributes whose text a person reads. */
const TEXT_ATTRS = new Set(["title", "placeholder", "aria-label", "alt", "label", "aria-description"]);
const WORDS = /\p{L}{2,}[^\p{L}]+\p{L}{2,}/u;
const WORD = /\p{L}{2,}/u;
/** Strings in code that are not words for a person (selectors, MIME types, formats). */
const TECHNICAL = [/^[\w./:*?,+=#-]*$/u, /^https?:\/\//, /^image\//, /^[\w-]+( [\w-]+)*$/u];
/** Names and units that stay as they are in every language. */
const NAMES = new Set(["RD", "RightsDesk", "PDF", ".eml", "TLS", "STARTTLS", "kB,", "RD-2026-…"]);
const technical = (s: string) =>
  NAMES.has(s.trim()) || TECHNICAL.slice(0, 3).some((r) => r.test(s.trim())) || /^\S+@\S+$/.test(s.trim()) || /^[\w-]+ ?\.\w+$/.test(s.trim());

/** Inside t(…)/plural(…), or a DOM selector (querySelector, closest, matches). */
function inT(path: ts.Node[]): boolean {
  return path.some(
    (n) =>
      ts.isCallExpression(n) &&
      ((ts.isIdentifier(n.expression) && ["t", "plural"].includes(n.expression.text)) ||
        (ts.isPropertyAccessExpression(n.expression) &&
          ["querySelector", "querySelectorAll", "closest", "matches"].includes(n.expression.name.text))),
  );
}

/** String literals of a script that read as words, not inside t(…), imports or comparisons. */
function scriptStrings(code: string, file: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (node: ts.Node, path: ts.Node[]) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) return;
    const parent = path[path.length - 1];
    const compared =
      parent && ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(parent.operatorToken.kind);
    const key = parent && (ts.isPropertyAssignment(parent) && parent.name === node || ts.isElementAccessExpression(parent));
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ")
          : null;
    if (text !== null && !compared && !key && !inT(path) && WORDS.test(text) && !technical(text)) {
      // A class list ("primary small-btn") is not text.
      const inClass = path.some((n) => ts.isPropertyAssignment(n) && n.name.getText() === "class");
      if (!inClass) found.push(text.trim());
    }
    ts.forEachChild(node, (child) => visit(child, [...path, node]));
  };
  visit(source, []);
  return found;
}

type Node = { type: string; [k: string]: unknown };
function markupStrings(fragment: Node, code: string, file: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown, attr: string | null) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, attr));
    const n = node as Node;
    if (n.type === "Text" && attr === null && WORD.test(String(n.data)) && !technical(String(n.data))) found.push(String(n.data).trim());
    if (n.type === "Attribute" || n.type === "BindDirective") {
      const name = String(n.name);
      if (TEXT_ATTRS.has(name)) {
        const v = n.value;
        if (Array.isArray(v)) {
          for (const part of v as Node[]) {
            if (part.type === "Text" && WORD.test(String(part.data)) && !technical(String(part.data))) found.push(String(part.data).trim());
            if (part.type === "ExpressionTag") found.push(...expressionStrings(part.expression as Node, code, file));
          }
        } else if (v && typeof v === "object" && (v as Node).type === "ExpressionTag") {
          found.push(...expressionStrings((v as Node).expression as Node, code, file));
        }
      }
      return; // other attributes (class, data-testid, type…) carry no text
    }
    if (n.type === "ExpressionTag" && attr === null) found.push(...expressionStrings(n.expression as Node, code, file));
    if (n.type === "StyleSheet" || n.type === "Script") return;
    // Commands and key names shown as code are not translated.
    if (n.type === "RegularElement" && ["code", "kbd"].includes(String(n.name))) return;
    for (const [k, v] of Object.entries(n)) {
      if (["start", "end", "type", "metadata", "parent", "expression", "attributes"].includes(k)) continue;
      walk(v, attr);
    }
    if (Array.isArray(n.attributes)) walk(n.attributes, attr);
  };
  walk(fragment, null);
  return found;
}

function expressionStrings(expr: Node, code: string, file: string): string[] {
  const start = expr.start as number;
  const end = expr.end as number;
  return scriptStrings(`(${code.slice(start, end)});`, file);
}

describe("every screen's words go through t()", () => {
  for (const path of files(SRC)) {
    const file = relative(SRC, path);
    if (NOT_UI.includes(file)) continue;
    it(file, () => {
      const code = readFileSync(path, "utf8");
      let found: string[];
      if (file.endsWith(".svelte")) {
        const ast = parse(code, { modern: true }) as unknown as { fragment: Node; instance?: { content: Node } };
        const script = /<script[^>]*>([\s\S]*?)<\/script>/.exec(code)?.[1] ?? "";
        found = [...markupStrings(ast.fragment, code, file), ...scriptStrings(script, file)];
      } else {
        found = scriptStrings(code, file);
      }
      expect(found, `untranslated text in ${file}`).toEqual([]);
    });
  }
});
