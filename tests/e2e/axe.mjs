// An automated accessibility check (axe-core, WCAG 2.1 A and AA rules) run
// inside the real window: the serious and critical violations of the page as
// it is shown, each with the elements it concerns.
import { readFileSync } from "node:fs";

const SOURCE = readFileSync(new URL("../../ui/node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

export async function violations(session) {
  await session.execute(`${SOURCE}\nreturn typeof window.axe;`);
  const found = await session.executeAsync(`
    const done = arguments[arguments.length - 1];
    window.axe
      .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] })
      .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ")) }))))
      .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));
  `);
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}
