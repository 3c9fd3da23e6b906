import { describe, expect, it } from "vitest";
import { repairMojibake } from "./mojibake";

describe("repairMojibake", () => {
  it.each([
    ["LÃ©on Bottou", "Léon Bottou"],
    ["itâ€™s", "it’s"],
    ["â€œquotedâ€\u009d", "“quoted”"],
    ["MÃ¼ller", "Müller"],
    ["Ã…ngstrÃ¶m", "Ångström"],
    ["costs â‚¬5", "costs €5"],
    ["em â€” dash", "em — dash"],
    ["ðŸ™‚", "🙂"],
  ])("repairs %j", (broken, fixed) => {
    expect(repairMojibake(broken)).toBe(fixed);
  });

  it.each(["Léon", "naïve café", "€ 5", "Ü", "中文和日本語", "🙂 emoji", "Ångström", "plain ASCII", "© 2024 — ‘quotes’"])("leaves correct text %j alone", (text) => {
    expect(repairMojibake(text)).toBe(text);
  });

  it("repairs only the broken runs of a line that mixes both", () => {
    expect(repairMojibake("Léon and LÃ©on, naïve and naÃ¯ve")).toBe("Léon and Léon, naïve and naïve");
  });
});
