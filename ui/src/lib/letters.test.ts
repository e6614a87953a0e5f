import { describe, expect, it } from "vitest";
import type { KindInfo, OptionInfo } from "./bindings";
import { errorsByField, optionsFor, optionValue, withOption } from "./letters";

const flag: OptionInfo = { name: "portability", type: "flag", label: "", required: false, choices: [], choice_labels: [] };
const list: OptionInfo = { name: "grounds", type: "list", label: "", required: false, choices: ["a", "b"], choice_labels: ["(a)", "(b)"] };
const num: OptionInfo = { name: "period_days", type: "number", label: "", required: false, choices: [], choice_labels: [] };

describe("letter options", () => {
  it("reads defaults of the right type", () => {
    expect(optionValue({}, flag)).toBe(false);
    expect(optionValue({}, list)).toEqual([]);
    expect(optionValue({}, num)).toBe(0);
  });

  it("toggles list items and sets flags and numbers", () => {
    let o = withOption({}, list, "a");
    o = withOption(o, list, "b");
    expect(o.grounds).toEqual(["a", "b"]);
    o = withOption(o, list, "a");
    expect(o.grounds).toEqual(["b"]);
    expect(withOption({}, flag, true).portability).toBe(true);
    expect(withOption({}, num, "21").period_days).toBe(21);
    expect(withOption({}, num, "-3").period_days).toBe(0);
  });

  it("keeps only what the kind reads, and identity values that are filled", () => {
    const access: KindInfo = { kind: "access", label: "", articles: [], options: [flag] };
    const o = optionsFor(access, {
      portability: true,
      corrections: "stale",
      identity: [
        { label: "Customer number", value: "C-1" },
        { label: "Birthday", value: " " },
      ],
    });
    expect(o).toEqual({ portability: true, identity: [{ label: "Customer number", value: "C-1" }] });
  });

  it("maps field errors by field, first message wins", () => {
    expect(errorsByField([{ field: "options.corrections", message: "needed" }, { field: "options.corrections", message: "x" }])).toEqual({
      "options.corrections": "needed",
    });
  });
});
