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

// Iterative, not recursive: a tree as deep as the nesting limit allows (lib/content/nesting.ts) or deeper cannot
// overflow the stack here.
function revert(root: Parent, source: string) {
  const stack: Parent[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    const children = parent.children as RootContent[];
    for (let index = 0; index < children.length; index++) {
      const child = children[index]!;
      if (child.type === "inlineMath") {
        const { start, end } = child.position ?? {};
        if (start?.offset === undefined || end?.offset === undefined) continue;
        const written = source.slice(start.offset, end.offset);
        if (!isMath(written, source.charAt(end.offset))) children[index] = { type: "text", value: written, position: child.position };
      } else if ("children" in child) {
        stack.push(child);
      }
    }
  }
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/** `written` is the math as written, dollars included (remark-math's value drops a space at each end). */
function isMath(written: string, next: string): boolean {
  let start = 0;
  let end = written.length;
  while (start < end && written[start] === "$") start++;
  while (end > start && written[end - 1] === "$") end--;
  return end > start && !isSpace(written[start]) && !isSpace(written[end - 1]) && !/\d/.test(next);
}
