// remark-math reads any pair of single dollars as inline math, so "$5 and $10" would typeset "5 and ". Pandoc's
// rule decides instead: inline math must not start or end with a space, and its closing dollar must not be followed
// by a digit. Anything else goes back to the text it was written as.
import type { Root, RootContent, Parent } from "mdast";
import type { VFile } from "vfile";

export function remarkDollarsAsText() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    revert(tree, source);
  };
}

function revert(parent: Parent, source: string) {
  parent.children = parent.children.map((child: RootContent) => {
    if (child.type === "inlineMath") {
      const { start, end } = child.position ?? {};
      if (start?.offset === undefined || end?.offset === undefined) return child;
      const written = source.slice(start.offset, end.offset);
      if (!isMath(written, source.charAt(end.offset))) return { type: "text", value: written, position: child.position };
    }
    if ("children" in child) revert(child, source);
    return child;
  }) as typeof parent.children;
}

/** `written` is the math as written, dollars included (remark-math's value drops a space at each end). */
function isMath(written: string, next: string): boolean {
  const inner = written.replace(/^\$+|\$+$/g, "");
  return inner !== "" && !/^\s|\s$/.test(inner) && !/\d/.test(next);
}
