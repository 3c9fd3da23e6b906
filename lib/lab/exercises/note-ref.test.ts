import { describe, expect, it } from "vitest";
import { linkNoteRefs, parseNoteRef, parseNoteRefs } from "./note-ref";

describe("parseNoteRef", () => {
  it("turns deck#number into the note page's link, and refuses anything else", () => {
    expect(parseNoteRef("ml-qa#6")).toEqual({ deck: "ml-qa", number: 6, href: "/decks/ml-qa/notes/6" });
    expect(parseNoteRef("ml-qa")).toBeNull();
    expect(parseNoteRef("../x#1")).toBeNull();
    expect(parseNoteRefs(["ml-qa#6", "nope", "ml-qa#7"]).map((ref) => ref.number)).toEqual([6, 7]);
  });

  it("points a prompt's links to notes at their pages, and leaves other links alone", () => {
    expect(linkNoteRefs("see [the KL note](ml-qa#6) and [docs](https://js.tensorflow.org)")).toBe(
      "see [the KL note](/decks/ml-qa/notes/6) and [docs](https://js.tensorflow.org)",
    );
  });
});
