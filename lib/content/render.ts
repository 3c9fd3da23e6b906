// Markdown → safe HTML for answers and lab prompts: GitHub-flavoured markdown, sanitized, code highlighted.
// Sanitizing runs before highlighting so that highlight.js's classes survive and nothing else does.
import rehypeHighlight from "rehype-highlight";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { common } from "lowlight";
import type { Options as SanitizeSchema } from "rehype-sanitize";
import type { Element, Root, RootContent } from "hast";

const schema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // Only `language-*` classes on code (the fence's info string); highlight.js adds its own after sanitizing.
    code: [...(defaultSchema.attributes?.code ?? []), ["className", /^language-[\w+#.-]+$/]],
  },
};

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
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  // Unknown languages stay plain instead of failing; no guessing for fences without a language.
  .use(rehypeHighlight, { languages: common, detect: false, ignoreMissing: true } as never)
  .use(focusableCodeBlocks)
  .use(rehypeStringify)
  .freeze();

export async function renderMarkdown(markdown: string): Promise<string> {
  return String(await processor.process(markdown));
}
