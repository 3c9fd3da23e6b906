// Markdown → safe HTML for answers and lab prompts: GitHub-flavoured markdown, math typeset by KaTeX on the server,
// sanitized, code highlighted. KaTeX runs before the sanitizer, which admits its output and nothing else new
// (katex-schema.ts); highlighting runs after it, so that highlight.js's classes survive and nothing else does.
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { common } from "lowlight";
import type { Options as SanitizeSchema } from "rehype-sanitize";
import type { Element, Root, RootContent } from "hast";
import type { Root as MdastRoot } from "mdast";
import { withKatex } from "./katex-schema";
import { remarkDollarsAsText } from "./math-dollars";
import { MAX_NESTING } from "./nesting";

/**
 * A second guard behind nestingProblem (nesting.ts), for whatever nests in a way it does not count: a markdown tree
 * deeper than this is refused before the recursive steps after parsing (to HTML, sanitizing, serializing) see it.
 */
const MAX_TREE_DEPTH = 4 * MAX_NESTING;

function remarkTreeDepthLimit() {
  return (tree: MdastRoot) => {
    const stack: Array<{ node: { children?: unknown[]; position?: { start: { line: number } } }; depth: number }> = [{ node: tree, depth: 0 }];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      if (entry.depth > MAX_TREE_DEPTH) {
        throw new Error(`line ${entry.node.position?.start.line ?? 1}: the markdown is nested more than ${MAX_TREE_DEPTH} levels deep`);
      }
      for (const child of entry.node.children ?? []) stack.push({ node: child as never, depth: entry.depth + 1 });
    }
  };
}

const schema: SanitizeSchema = withKatex({
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // Only `language-*` classes on code (the fence's info string); highlight.js adds its own after sanitizing.
    code: [...(defaultSchema.attributes?.code ?? []), ["className", /^language-[\w+#.-]+$/]],
  },
});

/** Code blocks scroll sideways when long: focusable, so a keyboard can scroll them too. */
function focusableCodeBlocks() {
  const visit = (node: Root | RootContent) => {
    if (node.type === "element" && node.tagName === "pre") (node as Element).properties.tabIndex = 0;
    if ("children" in node) for (const child of node.children) visit(child);
  };
  return (tree: Root) => visit(tree);
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkMath)
  .use(remarkTreeDepthLimit)
  .use(remarkDollarsAsText)
  .use(remarkRehype)
  // trust: false keeps \href, \url, \htmlClass and friends inert; a formula that does not parse shows in red
  // with KaTeX's message as its title instead of failing the whole import.
  .use(rehypeKatex, { trust: false, strict: "ignore", output: "htmlAndMathml" })
  .use(rehypeSanitize, schema)
  // Unknown languages stay plain instead of failing; no guessing for fences without a language.
  .use(rehypeHighlight, { languages: common, detect: false, ignoreMissing: true } as never)
  .use(focusableCodeBlocks)
  .use(rehypeStringify)
  .freeze();

export async function renderMarkdown(markdown: string): Promise<string> {
  return String(await processor.process(markdown));
}
